// A GenerationContext for calling a backend directly: temp work folder, in-memory checkpoint, recorded progress.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import type { GenerationContext, GenerationProgress } from '../../companion/backends/backend';
import { ShotRequestSchema, type ShotRequest, type ShotRequestInput } from '../../shared/protocol';

export interface TestContext extends GenerationContext {
  controller: AbortController;
  progress: GenerationProgress[];
  saved: Record<string, unknown> | undefined;
  cleanup(): void;
}

export function testContext(checkpoint?: Record<string, unknown>): TestContext {
  const workDir = mkdtempSync(join(tmpdir(), 'shotline-remote-'));
  const controller = new AbortController();
  const ctx: TestContext = {
    controller,
    signal: controller.signal,
    workDir,
    progress: [],
    saved: checkpoint,
    onProgress: (p) => ctx.progress.push(p),
    checkpoint: {
      read: () => ctx.saved,
      write: (data) => {
        ctx.saved = { ...data };
      },
    },
    cleanup: () => rmSync(workDir, { recursive: true, force: true }),
  };
  return ctx;
}

export function testShot(overrides: Partial<ShotRequestInput> = {}): ShotRequest {
  return ShotRequestSchema.parse({
    shotId: 'S1-01',
    prompt: 'Kai leaps from the edge of the roof as a fuel tank explodes behind him.',
    duration: { seconds: 1 },
    fps: { num: 24, den: 1 },
    size: { width: 320, height: 180 },
    seed: 42,
    backend: 'dashscope',
    ...overrides,
  });
}

/** A pino logger at trace level whose every line lands in `lines`. */
export function capturingLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: pino({ level: 'trace' }, stream), lines };
}
