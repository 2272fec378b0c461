// Two small limiters: a token bucket per connection, and a count of wrong pairing tokens that slows guessing.

/** Allows `ratePerSecond` on average with bursts up to `burst`. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.ratePerSecond);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * Counts wrong pairing tokens in the last `windowMs`. Past `freeFailures` it never refuses: it names a delay
 * that grows with each wrong guess, so guessing slows down while the right token is always let straight in.
 */
export class FailedPairings {
  private events: number[] = [];

  constructor(
    private readonly freeFailures: number,
    private readonly windowMs: number,
    private readonly stepMs = 250,
    private readonly maxDelayMs = 5000,
    private readonly now: () => number = Date.now,
  ) {}

  private prune(): number {
    const t = this.now();
    while (this.events.length > 0 && t - this.events[0]! >= this.windowMs) this.events.shift();
    return t;
  }

  /** Records a wrong guess and returns how long its refusal should wait. */
  record(): number {
    const t = this.prune();
    // Bounded: past the cap more entries would not change the delay, only use memory.
    if (this.events.length < this.freeFailures + this.maxDelayMs / this.stepMs) this.events.push(t);
    const over = this.events.length - this.freeFailures;
    return over <= 0 ? 0 : Math.min(this.maxDelayMs, over * this.stepMs);
  }

  get recent(): number {
    this.prune();
    return this.events.length;
  }
}
