// Preflight answers kept between the panel's pick, serve's start-up line and each batch, so a remote server is
// asked once a minute rather than once per click; an answer that says something lacks is never reused.
import type { PreflightResult } from '../../shared/protocol';

export interface PreflightCacheOptions {
  /** How long a ready answer stands (a server restart or a removed model shows within this). Default 60 s. */
  readyTtlMs?: number;
  now?: () => number;
}

interface Entry {
  result: PreflightResult;
  at: number;
}

export class PreflightCache {
  private readonly ready = new Map<string, Entry>();
  private readonly running = new Map<string, Promise<PreflightResult>>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: PreflightCacheOptions = {}) {
    this.ttlMs = options.readyTtlMs ?? 60_000;
    if (!Number.isFinite(this.ttlMs) || this.ttlMs < 0) {
      throw new Error(`preflight cache: option "readyTtlMs" must be 0 or more, got ${options.readyTtlMs}`);
    }
    this.now = options.now ?? Date.now;
  }

  /**
   * The backend's answer: a ready one from the last minute, the one already being fetched, or a new one. Only
   * ready answers are kept: someone fixing a missing model or key must see the fix on the very next check.
   */
  check(name: string, preflight: () => Promise<PreflightResult>): Promise<PreflightResult> {
    const kept = this.ready.get(name);
    if (kept && this.now() - kept.at < this.ttlMs) return Promise.resolve(kept.result);
    const inFlight = this.running.get(name);
    if (inFlight) return inFlight;
    const started = this.now();
    const run = preflight().then(
      (result) => {
        this.running.delete(name);
        if (result.state === 'ready') this.ready.set(name, { result, at: started });
        else this.ready.delete(name);
        return result;
      },
      (err: unknown) => {
        this.running.delete(name);
        throw err;
      },
    );
    this.running.set(name, run);
    return run;
  }

  /** Forgets a backend's ready answer: one of its jobs failed, so what held a minute ago may not now. */
  invalidate(name: string): void {
    this.ready.delete(name);
  }
}
