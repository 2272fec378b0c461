// The sequence's start timecode and display format, read the way Premiere's Timeline shows them.
import type { FrameRate } from '../../../shared/protocol';
import {
  isDropFrameRate,
  NON_DROP_FROM_ZERO,
  ticksToFrames,
  type TimecodeStyle,
} from '../../../shared/timecode';
import type { SequenceApi } from './premiere-api';

/**
 * Premiere's video time display codes (its sequence settings; an exported FCP XML carries the same number as
 * MZ.Sequence.VideoTimeDisplayFormat, e.g. 104 for 30 fps): 100 24 fps, 101 25, 102 29.97 drop-frame,
 * 103 29.97 non-drop, 104 30, 105 50, 106 59.94 drop-frame, 107 59.94 non-drop, 108 60, 109 frames,
 * 110 23.976, 111/112 feet+frames, 113 48. Only 102 and 106 count drop-frame.
 */
export const PREMIERE_DROP_FRAME_DISPLAYS: ReadonlySet<number> = new Set([102, 106]);

/** The style from a zero point in ticks and a display code; either missing means zero / non-drop. */
export function timecodeStyleOf(
  zeroTicks: string | null,
  displayType: number | null,
  rate: FrameRate,
): TimecodeStyle {
  return {
    startFrame: zeroTicks === null ? NON_DROP_FROM_ZERO.startFrame : ticksToFrames(BigInt(zeroTicks), rate),
    dropFrame: displayType !== null && PREMIERE_DROP_FRAME_DISPLAYS.has(displayType) && isDropFrameRate(rate),
  };
}

/** Start and counting of a sequence; a Premiere without these calls shows 00:00:00:00 non-drop, as before. */
export async function readTimecodeStyle(sequence: SequenceApi, rate: FrameRate): Promise<TimecodeStyle> {
  const [zero, display] = await Promise.all([
    sequence.getZeroPoint ? sequence.getZeroPoint() : null,
    sequence.getVideoDisplayFormat ? sequence.getVideoDisplayFormat() : null,
  ]);
  return timecodeStyleOf(zero?.ticks ?? null, display?.type ?? null, rate);
}
