// The embedded backend: labelled placeholder clips at any size and rate, no GPU, no keys.
import { availableParallelism } from 'node:os';
import { loadImage } from '@napi-rs/canvas';
import type { BackendInfo } from '../../../shared/protocol';
import type { GenerationContext, GenerationRequest, GenerationResult, VideoBackend } from '../backend';
import type { FramePixelFormat } from '../../media/generated-media';
import { SlateFramePool } from './slate-frame-pool';
import {
  framesStandAlone,
  movingRects,
  releaseSpareSurfaces,
  SlatePainter,
  type SlateCard,
} from './slate-painter';

export interface SlateBackendOptions {
  concurrency?: number;
  maxDurationSeconds?: number;
  /**
   * Worker threads that draw frames while ffmpeg encodes (0: draw on the main thread). Default: none on two
   * cores or fewer, where x264 wants every core and a frame costs less to draw (about half a millisecond at
   * 720p) than to hand between threads; elsewhere one per core beyond the first, at most two.
   */
  drawThreads?: number;
}

/** Measured with bench/slate-encode.ts on two cores: 0 threads used the least CPU and gave the best ratio. */
export function defaultDrawThreads(cores = availableParallelism()): number {
  return cores <= 2 ? 0 : Math.min(2, cores - 1);
}

export const AI_DRAFT_LABEL = 'AI PREVIZ DRAFT';

export class SlateBackend implements VideoBackend {
  readonly name = 'slate';
  readonly labelsFrames = true;
  private readonly concurrency: number;
  private readonly maxDurationSeconds: number;
  private readonly pool: SlateFramePool | undefined;

  constructor(options: SlateBackendOptions = {}) {
    this.concurrency = options.concurrency ?? 1;
    this.maxDurationSeconds = options.maxDurationSeconds ?? 120;
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) {
      throw new Error(`slate: option "concurrency" must be a positive integer, got ${options.concurrency}`);
    }
    const threads = options.drawThreads ?? defaultDrawThreads();
    if (!Number.isInteger(threads) || threads < 0) {
      throw new Error(`slate: option "drawThreads" must be a whole number of 0 or more, got ${threads}`);
    }
    this.pool = threads > 0 ? new SlateFramePool(threads) : undefined;
  }

  info(): BackendInfo {
    return {
      name: this.name,
      label: 'Slate (placeholder clips, no GPU)',
      available: true,
      capabilities: {
        sizes: [],
        maxSize: { width: 3840, height: 2160 },
        fps: [],
        maxDurationSeconds: this.maxDurationSeconds,
        concurrency: this.concurrency,
        conditioning: ['i2v', 'flf2v'],
      },
    };
  }

  async generate(request: GenerationRequest, ctx: GenerationContext): Promise<GenerationResult> {
    const { shot, conditioning } = request;
    const [startImage, endImage] = await Promise.all([
      conditioning && loadImage(conditioning.start.path),
      conditioning?.end && conditioning.mode === 'flf2v' ? loadImage(conditioning.end.path) : undefined,
    ]);
    const card: SlateCard = {
      width: shot.size.width,
      height: shot.size.height,
      fps: shot.fps,
      frames: request.frames,
      shotId: shot.shotId,
      take: request.take,
      sceneHeading: shot.sceneHeading,
      description: shot.sourceText && shot.sourceText !== shot.prompt ? `${shot.sourceText}` : shot.prompt,
      seed: request.seed,
      label: AI_DRAFT_LABEL,
      ...(startImage && { startImage }),
      ...(endImage && { endImage }),
    };
    // The encoder's yuv420p drawn here saves ffmpeg the conversion and the pipe 60% of its bytes; it needs
    // whole chroma samples, so an even size (H.264 requires one anyway).
    const format =
      request.framePixelFormat === 'yuv420p' && card.width % 2 === 0 && card.height % 2 === 0
        ? 'yuv420p'
        : 'rgba';
    // Tiny frames are cheap and must be drawn in order (see framesStandAlone), and decoded images do not
    // cross to a worker thread: the main thread draws those.
    const standAlone = framesStandAlone(card) && !startImage && !endImage;
    const frames =
      this.pool && standAlone
        ? this.pool.frames(card, ctx.signal, format)
        : drawInThread(card, ctx.signal, format);
    return {
      media: {
        kind: 'frames',
        width: shot.size.width,
        height: shot.size.height,
        fps: shot.fps,
        frameCount: request.frames,
        pixelFormat: format,
        frames,
        // Such frames are the card but for the moving parts: ffmpeg may be sent just those.
        ...(standAlone && format === 'yuv420p' && { stillOutside: movingRects(card) }),
      },
      model: 'slate-v1',
      steps: 0,
      guidance: 0,
      ...(conditioning && { conditioningUsed: conditioning.mode }),
    };
  }

  async dispose(): Promise<void> {
    await this.pool?.destroy();
    releaseSpareSurfaces();
  }
}

async function* drawInThread(
  card: SlateCard,
  signal: AbortSignal,
  format: FramePixelFormat,
): AsyncGenerator<Uint8Array> {
  const painter = new SlatePainter(card);
  try {
    for (let i = 0; i < card.frames; i++) {
      if (signal.aborted) return;
      // A yuv420p frame is the painter's own buffer, changed in place for the next: the consumer is done with
      // a frame when it asks for the next one (or ends the loop, which brings us to finally).
      yield format === 'yuv420p' ? painter.yuv420(i) : painter.render(i);
      // Let socket traffic through between frames; rendering is synchronous.
      if (i % 4 === 3) await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    painter.release();
  }
}
