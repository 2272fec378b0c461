// Retries a remote call that said "not now" (429, 503): Retry-After when given, jittered backoff otherwise.
import type { ShotlineError } from '../../../shared/protocol';
import { backoffDelay, sleep, type BackoffOptions } from './backoff';

/** Thrown by an attempt to ask for another try; `final` is what callers see when tries run out. */
export class RetryLater extends Error {
  constructor(
    readonly final: ShotlineError,
    readonly retryAfterMs?: number,
  ) {
    super(final.message);
    this.name = 'RetryLater';
  }
}

export interface RetryPolicy extends BackoffOptions {
  maxRetries: number;
  /** Longest Retry-After we honour as given; a server asking for hours gets this instead. */
  maxRetryAfterMs?: number;
}

export async function withRetries<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  signal: AbortSignal,
  onRetry?: (retry: number, delayMs: number, reason: string) => void,
): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof RetryLater)) throw err;
      if (retry >= policy.maxRetries) throw err.final;
      const delay =
        err.retryAfterMs !== undefined
          ? Math.min(err.retryAfterMs, policy.maxRetryAfterMs ?? 10 * 60_000)
          : backoffDelay(retry, policy);
      onRetry?.(retry + 1, delay, err.final.code);
      await sleep(delay, signal);
    }
  }
}
