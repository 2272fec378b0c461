// Turns gaps and markers into shots to generate: start and exact frame count each, with what cannot be filled.
import type { FrameRate } from '../../../shared/protocol';
import { framesToTicks, ticksPerFrame } from '../../../shared/timecode';
import type { MarkerLine, TickString, TimelineGap } from '../host-adapter';

export interface PlannedShot {
  startTicks: TickString;
  frames: number;
}

export type GapVerdict =
  | { status: 'fill'; gap: TimelineGap; shots: PlannedShot[] }
  | { status: 'too-short'; gap: TimelineGap; reason: string }
  | { status: 'too-long'; gap: TimelineGap; reason: string };

export interface GapFillOptions {
  /** The backend's longest clip in sequence frames (from its reported maxDurationSeconds). */
  maxFrames: number;
  /** Fill a longer gap with several shots end to end instead of reporting it. */
  splitLong: boolean;
}

/** Frame counts that add up to `frames` in the fewest pieces of at most `max`, longest first. */
export function splitFrames(frames: number, max: number): number[] {
  if (!Number.isInteger(max) || max < 1)
    throw new RangeError(`maxFrames must be a positive integer, got ${max}`);
  const pieces = Math.ceil(frames / max);
  const base = Math.floor(frames / pieces);
  return Array.from({ length: pieces }, (_, i) => base + (i < frames % pieces ? 1 : 0));
}

export function planGapFill(
  gaps: readonly TimelineGap[],
  rate: FrameRate,
  options: GapFillOptions,
): GapVerdict[] {
  return gaps.map((gap): GapVerdict => {
    if (gap.frames < 1) return { status: 'too-short', gap, reason: 'shorter than one frame' };
    if (gap.frames > options.maxFrames && !options.splitLong) {
      return {
        status: 'too-long',
        gap,
        reason: `${gap.frames} frames is longer than the backend's ${options.maxFrames}; choose to fill it with several shots`,
      };
    }
    let cursor = BigInt(gap.startTicks);
    const shots = splitFrames(gap.frames, options.maxFrames).map((frames) => {
      const shot = { startTicks: cursor.toString(), frames };
      cursor += framesToTicks(frames, rate);
      return shot;
    });
    return { status: 'fill', gap, shots };
  });
}

/** Backend limit in whole sequence frames: never more than the backend can render. */
export function maxFramesFor(maxDurationSeconds: number, rate: FrameRate): number {
  return Math.max(1, Math.floor((maxDurationSeconds * rate.num) / rate.den + 1e-9));
}

/** A shot per marker: its start, and its duration in frames when it has one (else `defaultFrames`). */
export function planAtMarkers(
  markers: readonly MarkerLine[],
  rate: FrameRate,
  defaultFrames: number,
): PlannedShot[] {
  const tpf = ticksPerFrame(rate);
  return markers.map((marker) => {
    const duration = BigInt(marker.durationTicks);
    // Round to the nearest frame: marker ends dragged by hand rarely sit on a frame boundary.
    const frames = duration > 0n ? Number((duration + tpf / 2n) / tpf) : defaultFrames;
    return { startTicks: marker.startTicks, frames: Math.max(1, frames) };
  });
}
