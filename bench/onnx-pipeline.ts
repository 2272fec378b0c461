// The onnx pipeline's overhead: wall time of a whole take (denoise + VAE + frames) vs the sum of its session.run times.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OnnxBackend } from '../companion/backends/onnx/onnx-backend';
import { makeTestBundle } from '../companion/backends/onnx/test-model/make-test-bundle';
import { median, type BenchRow } from './table';

/**
 * The tiny graphs cost ~0.1 ms a call at 48x32, so there the ratio measures JS that scales with pixels
 * (seeded noise, the solver pass, VAE output -> RGBA) against almost no graph work; at 384x256 attention over
 * 7,680 tokens makes the graph cost dominate, closer to a real model (where a step takes seconds).
 */
const SIZES = [
  { name: '48x32', dims: {} },
  { name: '192x128', dims: { sizes: [{ width: 192, height: 128 }] } },
  { name: '384x256', dims: { sizes: [{ width: 384, height: 256 }] } },
];

/** One whole take through the backend: generate, then every frame read. */
export async function oneTake(
  backend: OnnxBackend,
  seed: number,
): Promise<{ wall: number; run: number; stepMs: number[] }> {
  const start = performance.now();
  const result = await backend.generate(
    {
      shot: {
        shotId: 'BENCH',
        prompt: 'Kai leaps from the edge of the roof as a fuel tank explodes behind him.',
        duration: { frames: 24 },
        fps: { num: 24, den: 1 },
        size: { width: 320, height: 180 },
        backend: 'onnx',
        takes: 1,
      },
      take: 1,
      seed,
      frames: 24,
    },
    {
      signal: new AbortController().signal,
      onProgress: () => undefined,
      checkpoint: { read: () => undefined, write: () => undefined },
      workDir: tmpdir(),
    },
  );
  if (result.media.kind !== 'frames') throw new Error('onnx bench: expected raw frames');
  for await (const frame of result.media.frames) void frame;
  const stats = backend.lastTake!;
  return { wall: performance.now() - start, run: stats.runs.runMs, stepMs: stats.stepMs };
}

export async function benchOnnxPipeline(runs = 9): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const size of SIZES) {
    const dir = mkdtempSync(join(tmpdir(), 'shotline-bench-onnx-'));
    try {
      await makeTestBundle(dir, { variant: 'wan22-t2v-a14b', dims: size.dims });
      const backend = new OnnxBackend({ model: dir, provider: 'cpu' });
      // Loads sessions, caches the prompt encodings and lets V8 optimise the per-element loops.
      for (let warm = 0; warm < 3; warm++) await oneTake(backend, 1000 + warm);
      const takes = [];
      for (let i = 1; i <= runs; i++) takes.push(await oneTake(backend, i));
      await backend.dispose();
      const steps = takes.flatMap((t) => t.stepMs);
      rows.push({
        name: `onnx tiny A14B ${size.name}, 8 steps, 17 frames`,
        ms: median(takes.map((t) => t.wall)),
        baseline: 'sum of session.run',
        baselineMs: median(takes.map((t) => t.run)),
        note: `median of ${runs} warm takes (CPU EP); ${median(steps).toFixed(2)} ms per step; JS outside session.run ${median(takes.map((t) => t.wall - t.run)).toFixed(1)} ms per take; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}
