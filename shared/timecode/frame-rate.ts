// Frame-rate arithmetic on exact ratios: parsing user input, NTSC snapping, frames <-> seconds.
import type { ClipDuration, FrameRate } from '../protocol/media';

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return Math.abs(a);
}

export function reduceRate(num: number, den: number): FrameRate {
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

// NTSC rates are written rounded by people (23.976, 29.97) but are exactly N*1000/1001.
const NTSC_BASES = [24, 30, 48, 60, 120];

/** Reads "24", "23.976", "29.97", "30000/1001" into an exact rate; throws on anything else. */
export function parseFrameRate(text: string): FrameRate {
  const trimmed = text.trim();
  const ratio = /^(\d+)\s*\/\s*(\d+)$/.exec(trimmed);
  if (ratio) {
    const num = Number(ratio[1]);
    const den = Number(ratio[2]);
    if (num > 0 && den > 0) return reduceRate(num, den);
  } else if (/^\d+(\.\d+)?$/.test(trimmed)) {
    return frameRateFromNumber(Number(trimmed));
  }
  throw new Error(`frame rate "${text}" is not a number like 24, 23.976 or 30000/1001`);
}

export function frameRateFromNumber(fps: number): FrameRate {
  if (!Number.isFinite(fps) || fps <= 0) throw new Error(`frame rate ${fps} must be a positive number`);
  for (const base of NTSC_BASES) {
    const ntsc = (base * 1000) / 1001;
    if (Math.abs(fps - ntsc) < 0.006) return { num: base * 1000, den: 1001 };
  }
  if (Number.isInteger(fps)) return { num: fps, den: 1 };
  // Arbitrary decimal rates: keep three decimals exactly.
  return reduceRate(Math.round(fps * 1000), 1000);
}

export function frameRateToNumber(rate: FrameRate): number {
  return rate.num / rate.den;
}

export function formatFrameRate(rate: FrameRate): string {
  if (rate.den === 1) return String(rate.num);
  return (rate.num / rate.den).toFixed(3).replace(/0+$/, '');
}

/** Whole frames covered by a duration at a rate; seconds round to the nearest frame, never to zero. */
export function durationToFrames(duration: ClipDuration, rate: FrameRate): number {
  if ('frames' in duration) return duration.frames;
  return Math.max(1, Math.round((duration.seconds * rate.num) / rate.den));
}

export function framesToSeconds(frames: number, rate: FrameRate): number {
  return (frames * rate.den) / rate.num;
}
