// Premiere time: 254016000000 ticks per second, carried as bigint so NTSC math stays exact.
import type { FrameRate } from '../protocol/media';
import { reduceRate } from './frame-rate';

export const TICKS_PER_SECOND = 254016000000n;

export function ticksPerFrame(rate: FrameRate): bigint {
  const num = TICKS_PER_SECOND * BigInt(rate.den);
  if (num % BigInt(rate.num) !== 0n) {
    throw new Error(`frame rate ${rate.num}/${rate.den} has no whole number of Premiere ticks per frame`);
  }
  return num / BigInt(rate.num);
}

export function frameRateFromTimebase(ticksPerFrameValue: bigint | string | number): FrameRate {
  const tpf = BigInt(ticksPerFrameValue);
  if (tpf <= 0n) throw new Error(`timebase ${tpf} must be positive`);
  const limit = BigInt(Number.MAX_SAFE_INTEGER);
  if (tpf > limit) throw new Error(`timebase ${tpf} is out of range`);
  return reduceRate(Number(TICKS_PER_SECOND), Number(tpf));
}

export function framesToTicks(frames: number, rate: FrameRate): bigint {
  return BigInt(frames) * ticksPerFrame(rate);
}

/** Frames from ticks, rounding down: a playhead between frames belongs to the frame it is in. */
export function ticksToFrames(ticks: bigint, rate: FrameRate): number {
  return Number(ticks / ticksPerFrame(rate));
}

export function secondsToTicks(seconds: number): bigint {
  return BigInt(Math.round(seconds * Number(TICKS_PER_SECOND)));
}
