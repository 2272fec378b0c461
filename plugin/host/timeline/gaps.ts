// Gaps on a track from its clip ranges: the holes between sorted ranges, cut to a window, in whole frames.
import type { TimelineGap } from '../host-adapter';

export interface TickSpan {
  start: bigint;
  end: bigint;
}

/**
 * Holes in `clips` inside [from, to). Zero-length holes are dropped; holes shorter than a frame are kept
 * with frames 0, because the panel must report them rather than silently skip them.
 */
export function gapsBetween(
  clips: readonly TickSpan[],
  window: TickSpan,
  ticksPerFrame: bigint,
  trackIndex: number,
): TimelineGap[] {
  const sorted = [...clips].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const gaps: TimelineGap[] = [];
  let cursor = window.start;
  const push = (start: bigint, end: bigint) => {
    if (end <= start) return;
    gaps.push({
      trackIndex,
      startTicks: start.toString(),
      endTicks: end.toString(),
      frames: Number((end - start) / ticksPerFrame),
    });
  };
  for (const clip of sorted) {
    if (clip.end <= cursor) continue;
    if (clip.start >= window.end) break;
    push(cursor, clip.start < window.end ? clip.start : window.end);
    if (clip.end > cursor) cursor = clip.end;
  }
  push(cursor, window.end);
  return gaps;
}

export function overlaps(a: TickSpan, b: TickSpan): boolean {
  return a.start < b.end && a.end > b.start;
}
