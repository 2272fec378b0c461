// SMPTE timecode as editors' programs show it: non-drop or drop-frame counting, from any start timecode.
import { z } from 'zod';
import { CodedError } from '../errors/coded-error';
import type { FrameRate } from '../protocol/media';

/** How a sequence counts: the label at its time zero (Premiere's zero point) and drop-frame or not. */
export const TimecodeStyleSchema = z.object({
  /** Frames counted before the sequence's first frame, e.g. 107892 for 01:00:00;00 at 29.97 DF. */
  startFrame: z.number().int().nonnegative(),
  /** Drop-frame counting (29.97 and 59.94 only): `;` before frames, labels skipped each minute but every tenth. */
  dropFrame: z.boolean(),
});
export type TimecodeStyle = z.infer<typeof TimecodeStyleSchema>;

export const NON_DROP_FROM_ZERO: TimecodeStyle = { startFrame: 0, dropFrame: false };

export const TimecodeErrorCodeSchema = z.enum([
  /** Not shaped like a timecode at all. */
  'TIMECODE_INVALID',
  /** Shaped like one, with minutes, seconds or frames past their range. */
  'TIMECODE_OUT_OF_RANGE',
  /** A label drop-frame counting skips (00:01:00;00). */
  'TIMECODE_DROPPED_LABEL',
  /** A frame count that is not a whole number of 0 or more. */
  'TIMECODE_NEGATIVE',
  /** A typed timecode before the sequence's start timecode. */
  'TIMECODE_BEFORE_START',
  'TIMECODE_NOT_DROP_FRAME',
]);
export type TimecodeErrorCode = z.infer<typeof TimecodeErrorCodeSchema>;

export class TimecodeError extends CodedError<TimecodeErrorCode> {}

/** Frames per timecode second: the rate rounded (30 for 29.97), as SMPTE and every NLE count them. */
export function nominalFps(rate: FrameRate): number {
  return Math.max(1, Math.round(rate.num / rate.den));
}

/** SMPTE 12M defines drop-frame for the NTSC rates 29.97 and 59.94 only. */
export function isDropFrameRate(rate: FrameRate): boolean {
  return rate.den === 1001 && (rate.num === 30000 || rate.num === 60000);
}

/** Labels skipped at the start of each minute that is not a multiple of ten: 2 at 29.97, 4 at 59.94. */
function droppedPerMinute(rate: FrameRate, dropFrame: boolean): number {
  if (!dropFrame) return 0;
  if (!isDropFrameRate(rate)) {
    throw new TimecodeError(
      'TIMECODE_NOT_DROP_FRAME',
      `Drop-frame timecode exists only at 29.97 and 59.94 fps, not at ${rate.num}/${rate.den}.`,
      { rate: `${rate.num}/${rate.den}` },
    );
  }
  return nominalFps(rate) / 15;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The label of an absolute frame count (already including any start). */
export function frameToTimecode(frame: number, rate: FrameRate, dropFrame = false): string {
  if (!Number.isSafeInteger(frame) || frame < 0) {
    throw new TimecodeError(
      'TIMECODE_NEGATIVE',
      `Frame ${frame} has no timecode: it must be a whole number of 0 or more.`,
      { frame },
    );
  }
  const fps = nominalFps(rate);
  const drop = droppedPerMinute(rate, dropFrame);
  let label = frame;
  if (drop) {
    // Add back the labels skipped so far: 9 skips per ten minutes, plus one per whole minute past the tenth.
    const perTenMinutes = fps * 600 - drop * 9;
    const perMinute = fps * 60 - drop;
    const tens = Math.floor(frame / perTenMinutes);
    const rest = frame % perTenMinutes;
    label += drop * 9 * tens + (rest < drop ? 0 : drop * Math.floor((rest - drop) / perMinute));
  }
  const f = label % fps;
  const totalSeconds = Math.floor(label / fps);
  const hours = Math.floor(totalSeconds / 3600);
  return `${pad(hours)}:${pad(Math.floor(totalSeconds / 60) % 60)}:${pad(totalSeconds % 60)}${drop ? ';' : ':'}${pad(f)}`;
}

/** Sequence frame → the timecode Premiere shows for it with this style. */
export function formatTimecode(
  frame: number,
  rate: FrameRate,
  style: TimecodeStyle = NON_DROP_FROM_ZERO,
): string {
  if (!Number.isSafeInteger(frame) || frame < 0) {
    throw new TimecodeError('TIMECODE_NEGATIVE', `Frame ${frame} is before the sequence starts.`, {
      frame,
      case: 'beforeSequence',
    });
  }
  return frameToTimecode(style.startFrame + frame, rate, style.dropFrame);
}

/** A duration (length, not position) as timecode: counted from zero, in the sequence's counting mode. */
export function formatDuration(
  frames: number,
  rate: FrameRate,
  style: TimecodeStyle = NON_DROP_FROM_ZERO,
): string {
  return frameToTimecode(frames, rate, style.dropFrame);
}

/**
 * "HH:MM:SS:FF" (or `;`/`.` before frames, or fewer leading fields) → absolute frame count. A drop-frame label
 * that does not exist (00:01:00;00) is refused, as is a field out of range.
 */
export function timecodeToFrame(text: string, rate: FrameRate, dropFrame = false): number {
  const match = /^(?:(?:(\d{1,3})[:;.])?(\d{1,2})[:;.])?(\d{1,2})[:;.](\d{1,3})$/.exec(text.trim());
  if (!match) {
    throw new TimecodeError('TIMECODE_INVALID', `"${text}" is not a timecode like 00:00:10:00.`, { text });
  }
  const [h, m, s, f] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number];
  const fps = nominalFps(rate);
  if (m > 59 || s > 59 || f >= fps) {
    throw new TimecodeError(
      'TIMECODE_OUT_OF_RANGE',
      `"${text}" is out of range: minutes and seconds go to 59, frames to ${fps - 1}.`,
      { text, lastFrame: fps - 1 },
    );
  }
  const drop = droppedPerMinute(rate, dropFrame);
  const minutes = h * 60 + m;
  if (drop && s === 0 && f < drop && minutes % 10 !== 0) {
    throw new TimecodeError(
      'TIMECODE_DROPPED_LABEL',
      `"${text}" does not exist in drop-frame counting: frames 00–${pad(drop - 1)} are skipped at each minute except every tenth.`,
      { text, lastSkipped: pad(drop - 1) },
    );
  }
  return (minutes * 60 + s) * fps + f - drop * (minutes - Math.floor(minutes / 10));
}

/** A typed timecode → sequence frame, taking the sequence's start into account; before the start is refused. */
export function parseTimecode(
  text: string,
  rate: FrameRate,
  style: TimecodeStyle = NON_DROP_FROM_ZERO,
): number {
  const frame = timecodeToFrame(text, rate, style.dropFrame) - style.startFrame;
  if (frame < 0) {
    const start = frameToTimecode(style.startFrame, rate, style.dropFrame);
    throw new TimecodeError(
      'TIMECODE_BEFORE_START',
      `${text.trim()} is before the sequence starts at ${start}.`,
      { text: text.trim(), start },
    );
  }
  return frame;
}
