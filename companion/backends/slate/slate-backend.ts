// The embedded backend: labelled placeholder clips at any size and rate, no GPU, no keys.
import { loadImage } from '@napi-rs/canvas';
import type { BackendInfo } from '../../../shared/protocol';
import type { GenerationContext, GenerationRequest, GenerationResult, VideoBackend } from '../backend';
import { SlatePainter } from './slate-painter';

export interface SlateBackendOptions {
  concurrency?: number;
  maxDurationSeconds?: number;
}

export const AI_DRAFT_LABEL = 'AI PREVIZ DRAFT';

export class SlateBackend implements VideoBackend {
  readonly name = 'slate';
  readonly labelsFrames = true;
  private readonly concurrency: number;
  private readonly maxDurationSeconds: number;

  constructor(options: SlateBackendOptions = {}) {
    this.concurrency = options.concurrency ?? 1;
    this.maxDurationSeconds = options.maxDurationSeconds ?? 120;
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) {
      throw new Error(`slate: option "concurrency" must be a positive integer, got ${options.concurrency}`);
    }
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
    const painter = new SlatePainter({
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
    });
    const total = request.frames;
    const signal = ctx.signal;
    async function* frames(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < total; i++) {
        if (signal.aborted) return;
        yield painter.render(i);
        // Let socket traffic through between frames; rendering is synchronous.
        if (i % 4 === 3) await new Promise((resolve) => setImmediate(resolve));
      }
    }
    return {
      media: {
        kind: 'frames',
        width: shot.size.width,
        height: shot.size.height,
        fps: shot.fps,
        frameCount: total,
        frames: frames(),
      },
      model: 'slate-v1',
      steps: 0,
      guidance: 0,
      ...(conditioning && { conditioningUsed: conditioning.mode }),
    };
  }

  async dispose(): Promise<void> {}
}
