// One take from request to verified file: backend -> conform + encode -> probe -> sidecar, all atomic.
import { rm } from 'node:fs/promises';
import {
  ShotlineError,
  type JobOutput,
  type JobProgress,
  type Poster,
  type Provenance,
  type ShotRequest,
} from '../../shared/protocol';
import { framesToSeconds } from '../../shared/timecode';
import type {
  GeneratedMedia,
  GenerationPreview,
  JobCheckpoint,
  PreparedConditioning,
  VideoBackend,
} from '../backends/backend';
import {
  commitFile,
  fileExists,
  outputError,
  partialMissing,
  partialPathFor,
  writeFileAtomic,
} from '../media/atomic-file';
import type { FitMode, RateMode } from '../media/conform-plan';
import { encodeClip } from '../media/encode';
import type { Encoder } from '../media/encoders';
import { posterJpegFromRgba, writePoster, writePosterJpeg } from '../media/poster';
import { probeVideo } from '../media/probe';
import type { MediaRoots } from '../media/media-roots';
import { sha256File } from '../media/file-hash';
import type { FramePixelFormat } from '../media/generated-media';
import { yuv420ToRgba } from '../media/yuv420';
import { conditioningRecord, prepareConditioning } from './conditioning-frames';
import { buildProvenance } from './provenance';
import { sizeAndRate, type TakePhaseReport } from './take-phases';
import { plannedConditioningMode } from './validate-shot';
import { mkdir, mkdtemp, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dirname } from 'node:path';

export interface TakeSpec {
  shot: ShotRequest;
  take: number;
  seed: number;
  frames: number;
  createdAt: Date;
  /** Final absolute path of the clip; the sidecar goes beside it as `<clip>.json`. */
  outPath: string;
  policyWarnings?: string[];
  /** The job's folder in the data folder where its conditioning images are kept across retries and restarts. */
  framesDir?: string;
  /** Images made ahead of the take (a cluster coordinator's frames, shipped to its worker): used as they are. */
  preparedConditioning?: PreparedConditioning;
}

export interface TakeMedia {
  encoder: Encoder;
  fit: FitMode;
  rateMode: RateMode;
  /** Burn "AI DRAFT" into frames of backends that do not label their own (every backend but the slate). */
  burnInLabel?: boolean;
  /** Told about problems that do not fail the take (a missing poster); a process warning by default. */
  warn?: (message: string) => void;
  /**
   * Asked just before the clip moves into place; throws to refuse the commit. A cluster worker checks here
   * that the job is still its own, so a worker that lost its lock never replaces a delivered clip.
   */
  commitGuard?: () => Promise<void>;
  /** ffmpeg without progress this long is stopped with ENCODE_STALLED (default two minutes). */
  encodeStallMs?: number;
  /** Told as the take passes each stage (the daemon logs them as its timeline of work). */
  onPhase?: (report: TakePhaseReport) => void;
  /** Folders conditioning images may be read from; a shot with conditioning needs them. */
  mediaRoots?: MediaRoots;
}

export interface TakeResult {
  output: JobOutput;
  provenance: Provenance;
}

export function sidecarPathFor(clipPath: string): string {
  return clipPath.replace(/\.(mp4|mov)$/i, '') + '.json';
}

interface CapturedFrame {
  pixels: Uint8Array;
  width: number;
  height: number;
  format: FramePixelFormat;
}

/** The thumbnail's JPEG from the kept frame; a yuv420p frame is turned back into RGB for it. */
async function thumbnailOf(frame: CapturedFrame): Promise<Buffer> {
  const rgba =
    frame.format === 'yuv420p' ? yuv420ToRgba(frame.pixels, frame.width, frame.height) : frame.pixels;
  return posterJpegFromRgba(rgba, frame.width, frame.height);
}

/**
 * Streams raw frames on to the encoder and keeps the middle one for the poster, so raw-frame backends need
 * no second decode of the finished clip. With a burned-in label or a size conform the encoded frame differs:
 * the poster is then decoded from the clip instead.
 */
function captureMiddleFrame(
  media: GeneratedMedia,
  target: { width: number; height: number; burnInLabel: boolean },
): { media: GeneratedMedia; captured: () => CapturedFrame | undefined } {
  const sameSize = media.width === target.width && media.height === target.height;
  if (media.kind !== 'frames' || target.burnInLabel || !sameSize) return { media, captured: () => undefined };
  const middle = Math.floor(media.frameCount / 2);
  let kept: CapturedFrame | undefined;
  const { width, height, pixelFormat: format = 'rgba' } = media;
  async function* frames(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    let index = 0;
    for await (const frame of source) {
      // Backends may reuse their buffer for the next frame: keep a copy (a yuv420p frame is turned back into
      // RGB once, for the thumbnail, after the clip is written).
      if (index++ === middle) kept = { pixels: frame.slice(), width, height, format };
      yield frame;
    }
  }
  return { media: { ...media, frames: frames(media.frames) }, captured: () => kept };
}

/** A thumbnail is a nicety: a poster that cannot be made is reported, and the take still succeeds. */
async function posterOrNothing(
  clipPath: string,
  frames: number,
  signal: AbortSignal,
  warn: TakeMedia['warn'],
  thumbnail?: Promise<Buffer>,
): Promise<Poster | undefined> {
  try {
    if (thumbnail) return await writePosterJpeg(clipPath, await thumbnail);
    return await writePoster(clipPath, frames, signal);
  } catch (err) {
    const message = `No poster frame for ${clipPath}: ${err instanceof Error ? err.message : String(err)}`;
    if (warn) warn(message);
    else process.emitWarning(message, { code: 'SHOTLINE_POSTER' });
    return undefined;
  }
}

export async function runTake(
  spec: TakeSpec,
  backend: VideoBackend,
  media: TakeMedia,
  signal: AbortSignal,
  onProgress: (progress: Omit<JobProgress, 'etaSeconds' | 'fraction'>) => void,
  checkpoint: JobCheckpoint,
  onPreview?: (preview: GenerationPreview) => void,
): Promise<TakeResult> {
  const workDir = await mkdtemp(join(tmpdir(), `shotline-job-${process.pid}-`));
  try {
    return await generateAndEncode(spec, backend, media, signal, onProgress, checkpoint, workDir, onPreview);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function conditioningOf(spec: TakeSpec, media: TakeMedia, signal: AbortSignal) {
  const { shot } = spec;
  if (!shot.conditioning) return undefined;
  if (spec.preparedConditioning) return spec.preparedConditioning;
  if (!media.mediaRoots || !spec.framesDir) {
    throw new ShotlineError(
      'IMAGE_NOT_ALLOWED',
      `Shot ${shot.shotId} starts from an image, and this companion has no media folders to read images from.`,
      { params: { shotId: shot.shotId, case: 'noMediaRoots' } },
    );
  }
  return prepareConditioning(shot.conditioning, {
    roots: media.mediaRoots,
    dir: spec.framesDir,
    size: shot.size,
    fit: media.fit,
    signal,
  });
}

async function generateAndEncode(
  spec: TakeSpec,
  backend: VideoBackend,
  media: TakeMedia,
  signal: AbortSignal,
  onProgress: (progress: Omit<JobProgress, 'etaSeconds' | 'fraction'>) => void,
  checkpoint: JobCheckpoint,
  workDir: string,
  onPreview: ((preview: GenerationPreview) => void) | undefined,
): Promise<TakeResult> {
  const { shot, frames } = spec;
  onProgress({ phase: 'loading', step: 0, total: frames });
  let phaseStart = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = Math.round(now - phaseStart);
    phaseStart = now;
    return ms;
  };
  const conditioning = shot.conditioning && (await conditioningOf(spec, media, signal));
  const burnInLabel = (media.burnInLabel ?? true) && !backend.labelsFrames;
  // The label is drawn on RGB inside ffmpeg: frames that get one must come as RGB.
  const framePixelFormat = !burnInLabel && media.encoder.pixFmt === 'yuv420p' ? 'yuv420p' : 'rgba';
  const generated = await backend.generate(
    {
      shot,
      take: spec.take,
      seed: spec.seed,
      frames,
      framePixelFormat,
      ...(conditioning && { conditioning }),
    },
    { signal, onProgress: (p) => onProgress(p), checkpoint, workDir, ...(onPreview && { onPreview }) },
  );
  if (signal.aborted) throw new ShotlineError('JOB_CANCELLED', 'The job was cancelled.');
  media.onPhase?.({ phase: 'backend', ms: lap(), streamed: generated.media.kind === 'frames' });

  try {
    await mkdir(dirname(spec.outPath), { recursive: true });
  } catch (err) {
    throw outputError(err, spec.outPath);
  }
  const partial = partialPathFor(spec.outPath);
  // Created here first, so a folder that is gone, read-only or on a read-only file system is reported as
  // such (with its path) instead of as whatever ffmpeg prints when it cannot open its output.
  try {
    await (await open(partial, 'wx', 0o644)).close();
  } catch (err) {
    throw outputError(err, spec.outPath);
  }
  const target = {
    width: shot.size.width,
    height: shot.size.height,
    fps: shot.fps,
    frames,
    ...media,
    burnInLabel,
  };
  try {
    const capture = captureMiddleFrame(generated.media, target);
    media.onPhase?.({
      phase: 'conform',
      source: sizeAndRate(generated.media),
      target: sizeAndRate({ ...target, fps: shot.fps }),
      fit: target.fit,
      rateMode: target.rateMode,
      burnInLabel: target.burnInLabel,
    });
    lap();
    const colour = await encodeClip(capture.media, target, media.encoder, partial, {
      signal,
      onFrames: (done) => onProgress({ phase: 'generating', step: done, total: frames }),
      ...(media.encodeStallMs !== undefined && { stallTimeoutMs: media.encodeStallMs }),
    });
    media.onPhase?.({ phase: 'encode', ms: lap(), frames, codec: media.encoder.name });
    onProgress({ phase: 'writing', step: frames, total: frames });
    // The thumbnail from the kept frame is encoded while ffprobe reads the clip; it is written only once the
    // clip is in place, so a take that fails from here leaves no poster behind.
    const kept = capture.captured();
    const thumbnail = kept && thumbnailOf(kept);
    // Reported when awaited below; a take that fails first never asks.
    thumbnail?.catch(() => undefined);
    // Gone under us (ffmpeg keeps writing to an unlinked file): say so, rather than "ffprobe could not read".
    if (!(await fileExists(partial))) throw partialMissing(spec.outPath);
    // Hashed while it is probed; the probe's verdict on a bad file still comes first.
    const [probed, hashed] = await Promise.allSettled([probeVideo(partial), sha256File(partial)]);
    if (probed.status === 'rejected') throw probed.reason;
    if (hashed.status === 'rejected') throw hashed.reason;
    const probe = probed.value;
    const sha256 = hashed.value;
    if (probe.frames !== frames || probe.width !== target.width || probe.height !== target.height) {
      throw new ShotlineError(
        'ENCODE_FAILED',
        `Encoded clip has ${probe.frames} frames at ${probe.width}x${probe.height}; ${frames} at ${target.width}x${target.height} were asked for.`,
        {
          params: {
            frames: probe.frames,
            width: probe.width,
            height: probe.height,
            asked: frames,
            targetWidth: target.width,
            targetHeight: target.height,
            case: 'mismatch',
          },
        },
      );
    }
    await media.commitGuard?.();
    await commitFile(partial, spec.outPath);
    const provenance = buildProvenance({
      shot,
      take: spec.take,
      seed: spec.seed,
      backend: backend.name,
      model: generated.model,
      steps: generated.steps,
      guidance: generated.guidance,
      sampling: {
        ...(generated.negativePrompt !== undefined && { negativePrompt: generated.negativePrompt }),
        ...(generated.expertGuidance && { expertGuidance: generated.expertGuidance }),
        ...(generated.noise && { noise: generated.noise }),
        ...(generated.quality && { quality: generated.quality }),
      },
      createdAt: spec.createdAt,
      finishedAt: new Date(),
      ...(spec.policyWarnings && { policyWarnings: spec.policyWarnings }),
      generatedAudio: generated.media.kind === 'file' && generated.media.generatedAudio === true,
      colour,
      ...(conditioning && {
        conditioning: conditioningRecord(
          conditioning,
          generated.conditioningUsed ?? plannedConditioningMode(shot, backend.info()) ?? conditioning.mode,
        ),
      }),
    });
    const sidecarPath = sidecarPathFor(spec.outPath);
    const output: JobOutput = {
      path: spec.outPath,
      sidecarPath,
      frames,
      fps: shot.fps,
      width: target.width,
      height: target.height,
      durationSeconds: framesToSeconds(frames, shot.fps),
      codec: probe.codec,
      sha256,
    };
    try {
      await writeFileAtomic(
        sidecarPath,
        JSON.stringify({ ...provenance, output: { ...output, sidecarPath: undefined } }, null, 2) + '\n',
      );
    } catch (err) {
      // A clip without its provenance must not be handed out.
      await rm(spec.outPath, { force: true });
      throw err;
    }
    const poster = await posterOrNothing(spec.outPath, frames, signal, media.warn, thumbnail);
    media.onPhase?.({ phase: 'committed', ms: lap(), path: spec.outPath });
    return { output: poster ? { ...output, poster } : output, provenance };
  } finally {
    await rm(partial, { force: true });
  }
}
