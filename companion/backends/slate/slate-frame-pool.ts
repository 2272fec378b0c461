// Slate frames drawn on worker threads (piscina) while the main thread feeds ffmpeg: drawing and encoding
// overlap instead of taking turns. https://github.com/piscinajs/piscina (Piscina.move for zero-copy results)
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Piscina } from 'piscina';
import { frameBytes, type FramePixelFormat } from '../../media/generated-media';
import type { FrameTask } from './slate-frame-worker';
import type { SlateCard } from './slate-painter';

/** Frames one clip may have drawn ahead of the encoder: enough to keep every thread busy, bounded in bytes. */
const AHEAD_BYTES = 64 * 2 ** 20;
/** Threads left idle this long end, so a quiet daemon holds no painters. */
const IDLE_MS = 30_000;

/**
 * The worker's compiled file. A worker thread cannot load TypeScript, so under ts-jest (sources run as .ts)
 * the build's copy is used: `npm test` builds the companion first.
 */
function workerFile(): string {
  const here = join(__dirname, 'slate-frame-worker.js');
  if (existsSync(here)) return here;
  const built = join(resolve(__dirname, '..', '..', '..'), 'dist', 'node', 'companion', 'backends', 'slate');
  const file = join(built, 'slate-frame-worker.js');
  if (!existsSync(file))
    throw new Error(`slate: no compiled frame worker at ${file}; run npm run build:companion`);
  return file;
}

export class SlateFramePool {
  private pool: Piscina<FrameTask, Uint8Array> | undefined;

  constructor(private readonly threads: number) {
    if (!Number.isInteger(threads) || threads < 1) {
      throw new Error(`slate: option "drawThreads" must be a whole number of 1 or more, got ${threads}`);
    }
  }

  /** Started on the first clip: commands that draw nothing start no threads. */
  private started(): Piscina<FrameTask, Uint8Array> {
    this.pool ??= new Piscina<FrameTask, Uint8Array>({
      filename: workerFile(),
      minThreads: 0,
      maxThreads: this.threads,
      idleTimeout: IDLE_MS,
    });
    return this.pool;
  }

  /**
   * The clip's frames in order. Only a few are drawn ahead, and the next is asked for when the encoder takes
   * one: ffmpeg's pipe sets the pace (backpressure), and memory stays bounded whatever the clip's length.
   * yuv420p frames are drawn into buffers that go round between this thread and the workers (moved, never
   * copied): a frame's buffer is drawn into again once the consumer has asked for the frame after it.
   */
  async *frames(
    card: SlateCard,
    signal: AbortSignal,
    format: FramePixelFormat = 'rgba',
  ): AsyncGenerator<Uint8Array> {
    const pool = this.started();
    const clip = randomUUID();
    const bytes = frameBytes(format, card.width, card.height);
    const ahead = Math.max(1, Math.min(2 * this.threads, Math.floor(AHEAD_BYTES / bytes)));
    const free: ArrayBuffer[] = [];
    const pending: Promise<Uint8Array>[] = [];
    let next = 0;
    const ask = () => {
      const task: FrameTask = { clip, card, index: next++, format };
      let frame: Promise<Uint8Array>;
      if (format === 'yuv420p') {
        const out = free.pop() ?? new ArrayBuffer(bytes);
        frame = pool.run({ ...task, out }, { transferList: [out] });
      } else frame = pool.run(task);
      // A frame left unread when the clip stops early must not become an unhandled rejection.
      frame.catch(() => undefined);
      pending.push(frame);
    };
    while (next < card.frames && pending.length < ahead) ask();
    while (pending.length > 0) {
      if (signal.aborted) return;
      const frame = await pending.shift()!;
      if (next < card.frames) ask();
      yield frame;
      // Asked for the next frame: the consumer is done with this one.
      if (format === 'yuv420p') free.push(frame.buffer as ArrayBuffer);
    }
  }

  /** Frames the threads have finished so far (tests check the backpressure with it). */
  get framesDrawn(): number {
    return this.pool?.completed ?? 0;
  }

  async destroy(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }
}
