// Conditioning images from media: the frame a video shows at an exact source time, or a still, at the shot's size.
import { rm } from 'node:fs/promises';
import sharp from 'sharp';
import { ShotlineError, type FrameRate, type FrameSize, type RationalTime } from '../../shared/protocol';
import { commitFile, partialPathFor } from './atomic-file';
import { convertFilter, fileColourPlan, FRAME_COLOUR } from './colour';
import { fitFilters, type FitMode } from './conform-plan';
import { probeVideo } from './probe';
import { locateTool } from './tool-locator';
import { execTool, type ExecToolError } from './tool-process';

/** Still formats a conditioning image may be, and the most pixels one may have (before scaling). */
export const STILL_FORMATS = Object.freeze(['png', 'jpeg', 'webp'] as const);
export const MAX_STILL_SIDE = 8192;

/**
 * The index of the frame shown at `time` in a stream of rate `fps` starting at 0: floor(time × fps), in exact
 * integers, so 1001/24000-second frames never land one off through floating point.
 */
export function frameAt(time: RationalTime, fps: FrameRate): number {
  return Number((BigInt(time.num) * BigInt(fps.num)) / (BigInt(time.den) * BigInt(fps.den)));
}

/**
 * The seek time for frame n as ffmpeg's output `-ss` reads it (it drops frames before that time): half a
 * frame before frame n's own timestamp, so a rounded decimal can neither skip it nor keep frame n − 1.
 */
export function seekSecondsFor(frame: number, fps: FrameRate): string {
  if (frame === 0) return '0';
  return (((frame - 0.5) * fps.den) / fps.num).toFixed(6);
}

function runFfmpeg(args: string[], signal: AbortSignal, what: string): Promise<void> {
  return execTool(locateTool('ffmpeg'), args, { signal, timeout: 120_000 }).then(
    () => undefined,
    (err: ExecToolError) => {
      const detail = err.stderr?.trim().split('\n').slice(-2).join(' ') ?? '';
      throw new ShotlineError('IMAGE_INVALID', `ffmpeg could not read ${what}: ${detail || err.message}`, {
        params: { what, detail: detail || err.message, case: 'unreadable' },
      });
    },
  );
}

export interface ExtractTarget {
  size: FrameSize;
  fit: FitMode;
  signal: AbortSignal;
}

/** Writes `outPath` (PNG, atomically) with the filter chain applied to the input's first frame after the seek. */
async function writePng(input: string, preSeek: string[], filter: string, outPath: string, t: ExtractTarget) {
  const partial = partialPathFor(outPath);
  try {
    await runFfmpeg(
      [
        ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', '-i', input, ...preSeek],
        ...['-vf', filter, '-frames:v', '1', '-f', 'image2', '-c:v', 'png', partial],
      ],
      t.signal,
      input,
    );
    await commitFile(partial, outPath);
  } finally {
    await rm(partial, { force: true });
  }
}

/** The frame of video `path` shown at `time`, converted from the file's colour to RGB and fitted to the size. */
export async function extractFrame(
  path: string,
  time: RationalTime,
  outPath: string,
  target: ExtractTarget,
): Promise<{ frame: number }> {
  const probe = await probeVideo(path, { countPackets: true }).catch((err: unknown) => {
    throw new ShotlineError('IMAGE_INVALID', `${path} is not a video file Shotline can read.`, {
      params: { path, case: 'notVideo' },
      cause: err,
    });
  });
  if (probe.fps.num === 0)
    throw new ShotlineError('IMAGE_INVALID', `${path} has no frame rate.`, {
      params: { path, case: 'noFrameRate' },
    });
  const frame = frameAt(time, probe.fps);
  if (probe.frames > 0 && frame >= probe.frames) {
    throw new ShotlineError(
      'IMAGE_INVALID',
      `${path} has ${probe.frames} frames; the time ${time.num}/${time.den} s is frame ${frame}, past its end.`,
      { params: { path, frames: probe.frames, time: `${time.num}/${time.den}`, frame, case: 'pastEnd' } },
    );
  }
  const source = fileColourPlan(probe.colour, probe.height).source;
  const filter = [
    convertFilter(source, FRAME_COLOUR, 'gbrp'),
    ...fitFilters(target.size, target.fit),
    'format=rgb24',
  ];
  await writePng(path, ['-ss', seekSecondsFor(frame, probe.fps)], filter.join(','), outPath, target);
  return { frame };
}

/** A still checked by its content (not its name) for type and size, then fitted to the size as a PNG. */
export async function extractStill(path: string, outPath: string, target: ExtractTarget): Promise<void> {
  const meta = await sharp(path)
    .metadata()
    .catch(() => undefined);
  const format = meta?.format as (typeof STILL_FORMATS)[number] | undefined;
  if (!meta || !format || !STILL_FORMATS.includes(format)) {
    throw new ShotlineError(
      'IMAGE_INVALID',
      `${path} is not a PNG, JPEG or WebP image${meta?.format ? ` (it is ${meta.format})` : ''}.`,
      { params: { path, format: meta?.format ?? '?', case: 'notImage' } },
    );
  }
  if (!meta.width || !meta.height || meta.width > MAX_STILL_SIDE || meta.height > MAX_STILL_SIDE) {
    throw new ShotlineError(
      'IMAGE_INVALID',
      `${path} is ${meta.width}x${meta.height}; a conditioning image may be at most ${MAX_STILL_SIDE} px a side.`,
      { params: { path, width: meta.width, height: meta.height, max: MAX_STILL_SIDE, case: 'sideTooLong' } },
    );
  }
  await writePng(
    path,
    [],
    [...fitFilters(target.size, target.fit), 'format=rgb24'].join(','),
    outPath,
    target,
  );
}
