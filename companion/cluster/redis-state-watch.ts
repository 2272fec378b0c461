// Notices when Redis has lost the queue's state (restarted without persistence, failed over, flushed).
import type IORedis from 'ioredis';

/**
 * Keeps a marker key of this coordinator in Redis, refreshed on every check. When a check finds the marker
 * gone (after the first one set it), Redis forgot everything it held, jobs included: `onLost` runs once per
 * such loss. A coordinator paused past the marker's lifetime also sees a "loss"; re-submitting is idempotent.
 */
export class RedisStateWatch {
  private timer?: NodeJS.Timeout;
  private seen = false;

  constructor(
    private readonly redis: IORedis,
    private readonly key: string,
    private readonly everyMs: number,
    private readonly onLost: () => void,
  ) {}

  start(): void {
    this.redis.on('ready', () => void this.check());
    this.timer = setInterval(() => void this.check(), this.everyMs);
    void this.check();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async check(): Promise<void> {
    const ttl = this.everyMs * 10;
    const created = await this.redis.set(this.key, '1', 'PX', ttl, 'NX').catch(() => undefined);
    // Redis is down: the next check (or its reconnect) looks again.
    if (created === undefined) return;
    if (created === 'OK') {
      if (this.seen) this.onLost();
      this.seen = true;
      return;
    }
    await this.redis.pexpire(this.key, ttl).catch(() => undefined);
  }
}
