// `--timeline` checks made before rendering: the rate the formats can express and the start timecode.
import type { FrameRate } from '../../shared/protocol';
import { isDropFrameRate, timecodeToFrame, TimecodeError, type TimecodeStyle } from '../../shared/timecode';
import { TimelineError, xmemlRate } from '../timeline';
import { CliError } from './cli-error';

/** The timeline's start and counting from `--start-timecode`; `;` (or `.`) before the frames asks for drop-frame. */
export function timelineStyle(fps: FrameRate, startTimecode: string): TimecodeStyle {
  try {
    xmemlRate(fps);
    const dropFrame = /[;.]\d+$/.test(startTimecode.trim());
    if (dropFrame && !isDropFrameRate(fps)) {
      throw new CliError(
        `--start-timecode ${startTimecode} is drop-frame (';'), which exists only at 29.97 and 59.94 fps; write it with ':'.`,
      );
    }
    return { startFrame: timecodeToFrame(startTimecode, fps, dropFrame), dropFrame };
  } catch (err) {
    if (err instanceof TimelineError || err instanceof TimecodeError)
      throw new CliError(`--timeline: ${err.message}`);
    throw err;
  }
}
