// Simulated TickTime: an immutable count of Premiere ticks (254016000000 per second).
import { TICKS_PER_SECOND } from '../../../shared/timecode';
import type { TickTimeApi } from '../premiere/premiere-api';

export class SimTickTime implements TickTimeApi {
  constructor(readonly value: bigint) {}

  get ticks(): string {
    return this.value.toString();
  }

  get seconds(): number {
    return Number(this.value) / Number(TICKS_PER_SECOND);
  }

  /** Like the real `TickTime.createWithTicks`, takes ticks as a decimal string. */
  static fromTicks(ticks: string): SimTickTime {
    if (typeof ticks !== 'string' || !/^-?\d+$/.test(ticks)) {
      throw new TypeError(`TickTime.createWithTicks expects ticks as a decimal string, got ${String(ticks)}`);
    }
    return new SimTickTime(BigInt(ticks));
  }

  static of(time: TickTimeApi): bigint {
    return time instanceof SimTickTime ? time.value : BigInt(time.ticks);
  }
}
