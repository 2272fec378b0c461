// Reconnect delays: exponential growth with a cap, and jitter so many panels do not retry in step.
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export const defaultBackoff: BackoffOptions = { initialMs: 500, maxMs: 30_000, factor: 2 };

/** Delay before retry number `attempt` (1-based): between half and all of the capped exponential step. */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const step = Math.min(options.maxMs, options.initialMs * options.factor ** Math.max(0, attempt - 1));
  return Math.round(step * (0.5 + 0.5 * random()));
}
