// Waiting between retries: exponential backoff with jitter, Retry-After, and sleeps that stop on cancel.
import { ShotlineError } from '../../../shared/protocol';

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** Injected in tests so the jitter is repeatable. */
  random?: () => number;
}

/**
 * Delay before retry `attempt` (0-based): base·2^attempt capped at max, "equal jitter" —
 * half fixed, half random — so many clients spread out but no wait collapses to zero.
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const random = options.random ?? Math.random;
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(
  value: string | string[] | undefined,
  now: number = Date.now(),
): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw.trim() === '') return undefined;
  const trimmed = raw.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function cancelledError(): ShotlineError {
  return new ShotlineError('JOB_CANCELLED', 'The job was cancelled.');
}

/** Resolves after `ms`, or rejects with JOB_CANCELLED as soon as the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(cancelledError());
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
