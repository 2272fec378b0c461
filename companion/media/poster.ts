// Poster frames for take thumbnails: the clip's middle frame as a small JPEG beside it, and inline as a data URL.
import { readFile, rm } from 'node:fs/promises';
import { ShotlineError, type Poster } from '../../shared/protocol';
import { commitFile, partialPathFor, writeFileAtomic } from './atomic-file';
import { convertFilter, FRAME_COLOUR, OUTPUT_COLOUR } from './colour';
import { locateTool } from './tool-locator';
import { execTool, type ExecToolError } from './tool-process';

export const POSTER_WIDTH = 320;
/** Inline posters stay under this many bytes so a job message stays small; quality drops until it fits. */
export const POSTER_MAX_BYTES = 40 * 1024;
/** ffmpeg's JPEG qscale, best first: 4 looks clean at 320 px, 20 is the floor before giving up. */
const QUALITIES = [4, 8, 14, 20];

export function posterPathFor(clipPath: string): string {
  return `${clipPath}.poster.jpg`;
}

function runFfmpeg(args: string[], signal: AbortSignal): Promise<void> {
  return execTool(locateTool('ffmpeg'), args, { signal, timeout: 30_000 }).then(
    () => undefined,
    (err: ExecToolError) => {
      const detail = err.stderr?.trim().split('\n').slice(-2).join(' ') ?? '';
      throw new ShotlineError('ENCODE_FAILED', `ffmpeg could not make a poster: ${detail || err.message}`, {
        params: { detail: detail || err.message, case: 'poster' },
      });
    },
  );
}

/**
 * The clip's frame as the panel must show it: decoded with the BT.709 matrix the clip is tagged with, then
 * written the way JPEG (JFIF) is read everywhere, BT.601 full range. ffmpeg's defaults would decode with
 * BT.601 and shift the poster's colours away from the clip's.
 */
const POSTER_COLOUR = [
  convertFilter(OUTPUT_COLOUR, FRAME_COLOUR, 'gbrp'),
  // Even height keeps every decoder happy with the scaled frame.
  `scale=${POSTER_WIDTH}:-2:out_color_matrix=bt601:out_range=pc`,
  'format=yuvj420p',
].join(',');

/**
 * Writes `<clip>.poster.jpg` (atomically) from frame floor(frames / 2), scaled to POSTER_WIDTH wide, and
 * returns it with its data URL. Selecting by frame number, not time, keeps NTSC rates exact.
 */
export async function writePoster(
  clipPath: string,
  frames: number,
  signal: AbortSignal = new AbortController().signal,
): Promise<Poster> {
  const path = posterPathFor(clipPath);
  const middle = Math.floor(frames / 2);
  for (const quality of QUALITIES) {
    const partial = partialPathFor(path);
    try {
      await runFfmpeg(
        [
          ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', '-i', clipPath],
          ...['-vf', `select=eq(n\\,${middle}),${POSTER_COLOUR}`, '-frames:v', '1'],
          ...['-q:v', String(quality), '-f', 'image2', '-c:v', 'mjpeg', partial],
        ],
        signal,
      );
      const bytes = await readFile(partial);
      if (bytes.length === 0) throw new ShotlineError('ENCODE_FAILED', 'ffmpeg wrote an empty poster.');
      if (bytes.length > POSTER_MAX_BYTES && quality !== QUALITIES.at(-1)) continue;
      await commitFile(partial, path);
      const inline = bytes.length <= POSTER_MAX_BYTES;
      return {
        path,
        ...(inline && { dataUrl: `data:image/jpeg;base64,${bytes.toString('base64')}` }),
      };
    } finally {
      await rm(partial, { force: true });
    }
  }
  throw new ShotlineError('ENCODE_FAILED', 'No poster quality was tried.');
}

/** JPEG qualities for in-process encoding, best first. */
const CANVAS_QUALITIES = [85, 70, 55, 40];

/**
 * The poster's JPEG from a frame already in memory (raw-frame backends): no second decode of the clip.
 * `rgba` is the frame at the clip's middle, width x height, opaque. Nothing is written, so it may be made
 * while the clip is still being checked.
 */
export async function posterJpegFromRgba(rgba: Uint8Array, width: number, height: number): Promise<Buffer> {
  const { createCanvas, ImageData } = await import('@napi-rs/canvas');
  const full = createCanvas(width, height);
  full
    .getContext('2d')
    .putImageData(
      new ImageData(new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.byteLength), width, height),
      0,
      0,
    );
  const thumbHeight = Math.max(2, Math.round((height * POSTER_WIDTH) / width / 2) * 2);
  const thumb = createCanvas(POSTER_WIDTH, thumbHeight);
  thumb.getContext('2d').drawImage(full, 0, 0, POSTER_WIDTH, thumbHeight);
  let bytes: Buffer | undefined;
  for (const quality of CANVAS_QUALITIES) {
    bytes = await thumb.encode('jpeg', quality);
    if (bytes.length <= POSTER_MAX_BYTES) break;
  }
  return bytes!;
}

/** Writes `<clip>.poster.jpg` (atomically) from its JPEG and returns it with its data URL when small enough. */
export async function writePosterJpeg(clipPath: string, bytes: Buffer): Promise<Poster> {
  const path = posterPathFor(clipPath);
  await writeFileAtomic(path, bytes);
  const inline = bytes.length <= POSTER_MAX_BYTES;
  return { path, ...(inline && { dataUrl: `data:image/jpeg;base64,${bytes.toString('base64')}` }) };
}
