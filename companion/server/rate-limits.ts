// Two small limiters: a token bucket per connection, and a sliding window of failed pairings.

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

/** Counts events in the last `windowMs`; past `limit` the caller refuses and says when to retry. */
export class SlidingWindowCounter {
  private events: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private prune(): number {
    const t = this.now();
    this.events = this.events.filter((e) => t - e < this.windowMs);
    return t;
  }

  exceeded(): boolean {
    this.prune();
    return this.events.length >= this.limit;
  }

  record(): void {
    const t = this.prune();
    this.events.push(t);
  }

  retryAfterSeconds(): number {
    const t = this.prune();
    const oldest = this.events[0];
    return oldest === undefined ? 0 : Math.ceil((this.windowMs - (t - oldest)) / 1000);
  }
}
