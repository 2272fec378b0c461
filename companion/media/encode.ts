// Runs ffmpeg once per clip: frames or a file in, conformed and encoded to exactly N frames out.
import { StallWatchdog } from './stall-watchdog';
import { ShotlineError } from '../../shared/protocol';
import { frameBytes, type GeneratedMedia } from './generated-media';
import {
  convertFilter,
  drawnInRgb,
  FRAME_COLOUR,
  FRAMES_COLOUR_PLAN,
  OUTPUT_COLOUR,
  YUV_FRAMES_COLOUR_PLAN,
  OUTPUT_TAG_ARGS,
  outputFormatFilter,
  fileColourPlan,
  type ColourPlan,
} from './colour';
import { conformFilter, type FitMode, type RateMode } from './conform-plan';
import { draftLabelFilter } from './draft-label';
import type { Encoder } from './encoders';
import { probeVideo } from './probe';
import { locateTool } from './tool-locator';
import { spawnTool, type ToolProcess } from './tool-process';
import { FirstFrameAhead } from './first-frame-ahead';
import { PIPED_FRAMES_MAP, pipedFramesInput } from './pipe-input';
import { cutPatches, packedBytes, patchLayout, type PatchLayout } from './patch-layout';
import { PATCHED_FRAMES_MAP, patchedFramesInput, patchGraph } from './patch-input';
import type { ColourHandling, ColourTags, FrameRate } from '../../shared/protocol';
import {
  BACKDROP_PIPE,
  defaultBackdropVia,
  removeBackdrop,
  sendBackdrop,
  writeBackdropFile,
  type BackdropVia,
} from './patch-backdrop';

export interface EncodeTarget {
  width: number;
  height: number;
  fps: FrameRate;
  frames: number;
  fit: FitMode;
  rateMode: RateMode;
  /** Burn the "AI DRAFT" label into the frames. */
  burnInLabel?: boolean;
}

export interface EncodeOptions {
  signal: AbortSignal;
  /** Called with the number of output frames done so far. */
  onFrames?(done: number): void;
  /** ffmpeg is killed (ENCODE_STALLED) after this long with work to do and no sign of progress. */
  stallTimeoutMs?: number;
  /** How the first frame under packed patches reaches ffmpeg (patch-backdrop.ts); the platform's default. */
  backdropVia?: BackdropVia;
}

/** Two minutes without a progress report, a drained pipe or an exit: a hung mount or a wedged encoder. */
export const DEFAULT_STALL_TIMEOUT_MS = 120_000;

const rate = (r: FrameRate) => `${r.num}/${r.den}`;

/** Frames sent as packed patches (patch-layout.ts): how they are packed, and where the first whole frame is. */
export interface PatchedFrames {
  layout: PatchLayout;
  /** ffmpeg's input for the first frame: BACKDROP_PIPE or a file. */
  backdrop: string;
}

export function buildFfmpegArgs(
  media: GeneratedMedia,
  target: EncodeTarget,
  encoder: Encoder,
  outPath: string,
  sourceColour: ColourTags,
  patched?: PatchedFrames,
) {
  const input = patched
    ? patchedFramesInput(patched.layout, patched.backdrop, media.fps)
    : media.kind === 'frames'
      ? pipedFramesInput(media.pixelFormat ?? 'rgba', media.width, media.height, media.fps)
      : ['-i', media.path];
  // RGB sources (raw frames, PNG) are conformed on RGB when frames are only duplicated: scale and the label are
  // exact there and the clip costs one conversion. Frame blending has no RGB path (an RGB chain would get a
  // silent BT.601 scaler), and YUV sources are cheaper to scale as YUV: those are converted to BT.709 YUV
  // first, and only the label is drawn on RGB.
  const onRgb = target.rateMode === 'duplicate' && sourceColour.matrix === 'gbr';
  const label = target.burnInLabel ? draftLabelFilter(target.height) : undefined;
  const conform = conformFilter({
    source: { width: media.width, height: media.height, fps: media.fps },
    target,
    fit: target.fit,
    rateMode: target.rateMode,
    ...(label && { overlay: onRgb ? label : drawnInRgb(label, encoder.pixFmt) }),
  });
  // Frames the backend already made in the encoder's format and colour (yuv420.ts) need no conversion at all.
  const asEncoded =
    media.kind === 'frames' &&
    media.pixelFormat === encoder.pixFmt &&
    (Object.keys(OUTPUT_COLOUR) as (keyof ColourTags)[]).every((k) => sourceColour[k] === OUTPUT_COLOUR[k]);
  const chain = asEncoded
    ? [conform]
    : onRgb
      ? [
          convertFilter(sourceColour, FRAME_COLOUR, 'gbrp'),
          conform,
          convertFilter(FRAME_COLOUR, OUTPUT_COLOUR, encoder.pixFmt),
        ]
      : [convertFilter(sourceColour, OUTPUT_COLOUR, encoder.pixFmt), conform];
  const filter = [...chain, outputFormatFilter(encoder.pixFmt)].filter(Boolean).join(',');
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-progress',
    'pipe:1',
    '-nostats',
    '-y',
    ...input,
    ...(patched
      ? ['-filter_complex', patchGraph(patched.layout, filter), ...PATCHED_FRAMES_MAP]
      : ['-vf', filter, ...(media.kind === 'frames' ? PIPED_FRAMES_MAP : [])]),
    ...audioArgs(media, target),
    '-frames:v',
    String(target.frames),
    '-r',
    rate(target.fps),
    ...encoder.outputArgs(target.fps),
    ...OUTPUT_TAG_ARGS,
    '-f',
    encoder.extension === '.mov' ? 'mov' : 'mp4',
    outPath,
  ];
}

/**
 * Generated sound (DashScope's wan2.5/wan2.6) is kept, cut or padded with silence to the clip's exact length;
 * rate conforming drops or blends frames without changing timing, so the sound stays in sync. Anything else
 * is silent. The "?" keeps a file that turns out to have no audio stream from failing.
 */
function audioArgs(media: GeneratedMedia, target: EncodeTarget): string[] {
  if (media.kind !== 'file' || !media.generatedAudio) return ['-an'];
  const seconds = (target.frames * target.fps.den) / target.fps.num;
  return [
    ...['-map', '0:v:0', '-map', '0:a:0?'],
    ...['-af', 'apad', '-t', seconds.toFixed(6)],
    ...['-c:a', 'aac', '-b:a', '192k'],
  ];
}

export async function encodeClip(
  media: GeneratedMedia,
  target: EncodeTarget,
  encoder: Encoder,
  outPath: string,
  options: EncodeOptions,
): Promise<ColourHandling> {
  const colour = await colourPlanFor(media);
  if (options.signal.aborted) throw new ShotlineError('JOB_CANCELLED', 'The job was cancelled.');
  const frames = media.kind === 'frames' ? new FirstFrameAhead(media.frames) : undefined;
  const patched = frames && (await patchedFrames(media, frames, options.backdropVia ?? defaultBackdropVia()));
  try {
    const args = buildFfmpegArgs(media, target, encoder, outPath, colour.source, patched);
    return await runFfmpeg(args, media, outPath, options, colour.handling, frames, patched);
  } finally {
    if (patched) await removeBackdrop(patched.backdrop);
  }
}

/** Starts ffmpeg with `args`, feeds it the frames (packed when `patched`) and waits for the clip. */
async function runFfmpeg(
  args: string[],
  media: GeneratedMedia,
  outPath: string,
  options: EncodeOptions,
  handling: ColourHandling,
  frames: FirstFrameAhead<Uint8Array> | undefined,
  patched: PatchedFrames | undefined,
): Promise<ColourHandling> {
  let child: ToolProcess;
  try {
    const spawning = spawnTool(locateTool('ffmpeg'), args, {
      stdin: media.kind === 'frames',
      pipe3: patched?.backdrop === BACKDROP_PIPE,
    });
    spawning.catch(() => undefined);
    if (frames) {
      // Once the request to start ffmpeg is out (microtasks), the first frame is made while ffmpeg starts.
      await new Promise(setImmediate);
      frames.start();
    }
    child = await spawning;
  } catch (err) {
    await frames?.close();
    if (err instanceof ShotlineError) throw err;
    throw notStarted(err as Error);
  }
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const watchdog = new StallWatchdog(options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS, () =>
    child.kill('SIGKILL'),
  );
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    watchdog.alive();
    const match = /frame=(\d+)\s*\n(?![\s\S]*frame=)/.exec(chunk);
    if (match && media.kind === 'file') options.onFrames?.(Number(match[1]));
  });
  let exitSignal: NodeJS.Signals | null = null;
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      exitSignal = signal;
      resolve(code);
    });
  });
  const abort = () => child.kill('SIGKILL');
  options.signal.addEventListener('abort', abort, { once: true });
  // Cancelled while the tool was being started.
  if (options.signal.aborted) abort();
  try {
    if (media.kind === 'frames' && frames && child.stdin) {
      const bytes = frameBytes(media.pixelFormat ?? 'rgba', media.width, media.height);
      if (patched?.backdrop === BACKDROP_PIPE) await sendBackdrop(frames, child.stdio[3]);
      const packed = patched && new Uint8Array(packedBytes(patched.layout));
      const pack = packed && ((frame: Uint8Array) => cutPatches(frame, patched.layout, packed));
      await pumpFrames(frames, child.stdin, bytes, options, watchdog, pack);
    }
    watchdog.waitingOnFfmpeg(true);
    const code = await exited;
    if (options.signal.aborted) throw new ShotlineError('JOB_CANCELLED', 'The job was cancelled.');
    if (watchdog.fired) {
      throw new ShotlineError(
        'ENCODE_STALLED',
        `ffmpeg made no progress for ${watchdog.timeoutMs / 1000} s writing ${outPath} and was stopped.`,
        { params: { seconds: watchdog.timeoutMs / 1000, path: outPath, case: 'stalled' } },
      );
    }
    if (code !== 0) {
      const detail = stderr.trim().split('\n').slice(-3).join(' ');
      if (/No space left on device/i.test(stderr)) {
        throw new ShotlineError('OUTPUT_WRITE_FAILED', `Could not write ${outPath}: the disk is full.`, {
          params: { path: outPath, case: 'diskFull' },
        });
      }
      if (/No such filter: 'zscale'/.test(stderr)) {
        throw new ShotlineError(
          'FFMPEG_MISSING',
          `${locateTool('ffmpeg')} has no zscale filter (it was built without libzimg), which Shotline needs ` +
            'to convert colour to BT.709: use the bundled ffmpeg or one built with --enable-libzimg.',
          { params: { ffmpeg: locateTool('ffmpeg'), case: 'noZscale' } },
        );
      }
      throw new ShotlineError(
        'ENCODE_FAILED',
        `ffmpeg ${exitSignal ? `crashed (${exitSignal})` : `failed (exit ${code})`}: ${detail || 'no error output'}`,
        { params: { exit: exitSignal ?? code ?? '?', detail: detail || '—', case: 'ffmpeg' } },
      );
    }
    return handling;
  } catch (err) {
    child.kill('SIGKILL');
    await exited.catch(() => undefined);
    if (options.signal.aborted) throw new ShotlineError('JOB_CANCELLED', 'The job was cancelled.');
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw notStarted(err as Error);
    throw err;
  } finally {
    watchdog.stop();
    options.signal.removeEventListener('abort', abort);
    // A source asked for its first frame and then never read (no stdin after all) is let go; after a full
    // read this does nothing.
    await frames?.close();
  }
}

/** How `media`'s frames may be packed, when they say where they change (stillOutside) and it pays. */
function patchLayoutOf(media: GeneratedMedia): PatchLayout | undefined {
  if (media.kind !== 'frames' || media.pixelFormat !== 'yuv420p' || !media.stillOutside) return undefined;
  return patchLayout(media.stillOutside, media.width, media.height);
}

/** Packed patches for `media`, when its frames allow them and the first frame can be sent `via`. */
async function patchedFrames(
  media: GeneratedMedia,
  frames: FirstFrameAhead<Uint8Array>,
  via: BackdropVia,
): Promise<PatchedFrames | undefined> {
  const layout = patchLayoutOf(media);
  if (!layout) return undefined;
  if (via === 'pipe') return { layout, backdrop: BACKDROP_PIPE };
  const backdrop = await writeBackdropFile(frames);
  return backdrop ? { layout, backdrop } : undefined;
}

function notStarted(err: Error): ShotlineError {
  return new ShotlineError('FFMPEG_MISSING', `ffmpeg could not be started: ${err.message}`, {
    params: { detail: err.message, case: 'notStarted' },
    cause: err,
  });
}

/** Raw frames are what their format says; a file is read for its tags, and what it lacks is assumed. */
async function colourPlanFor(media: GeneratedMedia): Promise<ColourPlan> {
  if (media.kind === 'frames')
    return media.pixelFormat === 'yuv420p' ? YUV_FRAMES_COLOUR_PLAN : FRAMES_COLOUR_PLAN;
  const probe = await probeVideo(media.path);
  return fileColourPlan(probe.colour, probe.height, media.colour);
}

/** Writes the frames to ffmpeg's stdin, each checked for size, one at a time (exported for its tests). */
export async function pumpFrames(
  frames: AsyncIterable<Uint8Array>,
  stdin: NodeJS.WritableStream,
  frameBytes: number,
  options: EncodeOptions,
  watchdog: StallWatchdog,
  pack?: (frame: Uint8Array) => Uint8Array,
): Promise<void> {
  let done = 0;
  let pipeError: Error | undefined;
  stdin.on('error', (err: Error) => {
    pipeError = err;
  });
  // Time spent waiting for the backend's next frame is not ffmpeg's: the watchdog counts only the rest.
  watchdog.waitingOnFfmpeg(false);
  for await (const frame of frames) {
    watchdog.waitingOnFfmpeg(true);
    if (options.signal.aborted || pipeError) break;
    if (frame.byteLength !== frameBytes) {
      throw new ShotlineError(
        'BACKEND_FAILED',
        `A frame of ${frame.byteLength} bytes arrived; ${frameBytes} expected.`,
        { params: { bytes: frame.byteLength, expected: frameBytes, case: 'frameSize' } },
      );
    }
    // Written out, not only queued: the backend may draw into this frame's buffer once the next is asked for.
    await written(stdin, pack ? pack(frame) : frame);
    watchdog.alive();
    options.onFrames?.(++done);
    watchdog.waitingOnFfmpeg(false);
  }
  watchdog.waitingOnFfmpeg(true);
  stdin.end();
}

/**
 * Resolves once the frame's bytes have left its buffer (the write's callback), or when the pipe closes early
 * (ffmpeg exited); listeners never pile up. A backend may write its next frame into the same buffer
 * (RawFrameSource), so the next one is not pulled before; for a frame larger than the pipe's buffer that is
 * when `drain` came.
 */
function written(stream: NodeJS.WritableStream, frame: Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('close', done);
      resolve();
    };
    stream.on('close', done);
    stream.write(frame, done);
  });
}
