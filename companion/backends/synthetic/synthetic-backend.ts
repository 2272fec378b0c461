// A backend whose generation takes a fixed time and almost no CPU: measures orchestration, not rendering.
import type { BackendInfo } from '../../../shared/protocol';
import type { GenerationContext, GenerationRequest, GenerationResult, VideoBackend } from '../backend';

export interface SyntheticBackendOptions {
  /** Wall time each take "generates" for. */
  delayMs?: number;
  concurrency?: number;
}

export class SyntheticBackend implements VideoBackend {
  readonly name = 'synthetic';
  private readonly delayMs: number;
  private readonly concurrency: number;

  constructor(options: SyntheticBackendOptions = {}) {
    this.delayMs = options.delayMs ?? 500;
    this.concurrency = options.concurrency ?? 4;
    if (!(this.delayMs >= 0))
      throw new Error(`synthetic: option "delayMs" must be 0 or more, got ${options.delayMs}`);
  }

  info(): BackendInfo {
    return {
      name: this.name,
      label: `Synthetic (${this.delayMs} ms per take, for benchmarks)`,
      available: true,
      capabilities: {
        sizes: [],
        maxSize: { width: 1920, height: 1080 },
        fps: [],
        maxDurationSeconds: 10,
        concurrency: this.concurrency,
      },
    };
  }

  async generate(request: GenerationRequest, ctx: GenerationContext): Promise<GenerationResult> {
    const { width, height } = request.shot.size;
    const steps = 10;
    for (let step = 1; step <= steps; step++) {
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          clearTimeout(timer);
          reject(new Error('cancelled'));
        };
        const timer = setTimeout(() => {
          ctx.signal.removeEventListener('abort', onAbort);
          resolve();
        }, this.delayMs / steps);
        ctx.signal.addEventListener('abort', onAbort, { once: true });
      });
      ctx.onProgress({ phase: 'generating', step, total: steps });
    }
    const frame = new Uint8Array(width * height * 4).fill(128);
    async function* frames(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < request.frames; i++) yield frame;
    }
    return {
      media: {
        kind: 'frames',
        width,
        height,
        fps: request.shot.fps,
        frameCount: request.frames,
        frames: frames(),
      },
      model: 'synthetic',
      steps,
      guidance: 0,
    };
  }

  async dispose(): Promise<void> {}
}
