// ffmpeg's input arguments for raw frames on its stdin, read on a thread of their own.
//
// The bundled ffmpeg (4.x) reads its input on the thread that also filters and feeds the encoder when there is
// one input file, and on a thread per input, into a queue, only when there are several (fftools/ffmpeg.c,
// init_input_threads: "if (nb_input_files == 1) return 0"; ffmpeg 6.1 and later always use input threads:
// https://github.com/FFmpeg/FFmpeg/blob/release/4.4/fftools/ffmpeg.c). With one input every frame's trip
// through the pipe (a few dozen wakeups, the pipe holding a fraction of a frame) stalls that thread while
// x264 waits for it: about 10% of a 720p clip's encode. A second, empty input that no output maps makes ffmpeg
// read the pipe ahead on its own thread; the encoded bytes are the same (test/companion/pipe-input.test.ts).
import type { FrameRate } from '../../shared/protocol';
import type { FramePixelFormat } from './generated-media';
import { frameBytes } from './generated-media';

/** The raw frames ffmpeg may hold read ahead, in bytes: the queue is counted in frames. */
const READ_AHEAD_BYTES = 48 * 2 ** 20;
/** Frames read ahead at least (a 4K RGBA frame is 33 MB) and at most (720p frames are 1.4 MB). */
const MIN_QUEUE_FRAMES = 2;
const MAX_QUEUE_FRAMES = 32;

/** An input of no streams the clip uses, there only to give the pipe's input a reading thread. */
const THREAD_ONLY_INPUT = ['-f', 'lavfi', '-t', '0', '-i', 'anullsrc'] as const;

/** How many frames of this size ffmpeg's input thread may queue. */
export function readAheadFrames(format: FramePixelFormat, width: number, height: number): number {
  const frames = Math.floor(READ_AHEAD_BYTES / frameBytes(format, width, height));
  return Math.min(MAX_QUEUE_FRAMES, Math.max(MIN_QUEUE_FRAMES, frames));
}

/**
 * The input arguments for raw `format` frames on stdin, then the thread-only input; the output must map
 * `0:v:0` (outputMap) so nothing of the second input reaches the clip.
 */
export function pipedFramesInput(
  format: FramePixelFormat,
  width: number,
  height: number,
  fps: FrameRate,
): string[] {
  return [
    '-f',
    'rawvideo',
    '-pix_fmt',
    format,
    '-s',
    `${width}x${height}`,
    '-framerate',
    `${fps.num}/${fps.den}`,
    '-thread_queue_size',
    String(readAheadFrames(format, width, height)),
    '-i',
    'pipe:0',
    ...THREAD_ONLY_INPUT,
  ];
}

/** The output option that takes the clip's video from the frames alone. */
export const PIPED_FRAMES_MAP = ['-map', '0:v:0'] as const;
