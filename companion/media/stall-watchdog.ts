// Notices a child process that has work to do and shows no progress for too long, and stops it.

/** Checks at this fraction of the timeout, so a stall is caught within about 1.25 × the timeout. */
const CHECKS_PER_TIMEOUT = 4;

export class StallWatchdog {
  private last = Date.now();
  private counting = true;
  private readonly timer: NodeJS.Timeout;
  fired = false;

  constructor(
    readonly timeoutMs: number,
    private readonly onStall: () => void,
  ) {
    this.timer = setInterval(() => this.check(), Math.max(10, timeoutMs / CHECKS_PER_TIMEOUT));
    this.timer.unref();
  }

  /** Progress seen: a report, a drained pipe, a frame taken. */
  alive(): void {
    this.last = Date.now();
  }

  /** Whether the process is the one we wait on; while we wait on someone else the clock is held. */
  waitingOnFfmpeg(yes: boolean): void {
    if (yes && !this.counting) this.last = Date.now();
    this.counting = yes;
  }

  private check(): void {
    if (!this.counting || this.fired || Date.now() - this.last < this.timeoutMs) return;
    this.fired = true;
    this.onStall();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
