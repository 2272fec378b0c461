// The onnx backend against onnxruntime alone: the same graph calls in a bare loop, interleaved take for take.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import type * as Ort from 'onnxruntime-node';
import { OnnxBackend } from '../companion/backends/onnx/onnx-backend';
import { SeededRandom } from '../companion/backends/onnx/random';
import { sessionPlan } from '../companion/backends/onnx/session-options';
import { makeTestBundle } from '../companion/backends/onnx/test-model/make-test-bundle';
import type { ModelManifest } from '../shared/model-bundle';
import { oneTake } from './onnx-pipeline';
import { median, sampledRow, type BenchRow } from './table';

const SIZE = { width: 384, height: 256 };

interface RawSessions {
  experts: Map<string, Ort.InferenceSession>;
  init: Ort.InferenceSession;
  step: Ort.InferenceSession;
}

/** The raw loop's tensors, made once from seeded noise: the timed takes only run graphs. */
function rawFeeds(ort: typeof Ort, m: ModelManifest) {
  const { channels: C } = m.latent;
  const [F, h, w] = [5, SIZE.height / m.latent.spatialStride, SIZE.width / m.latent.spatialStride];
  const L = m.tokenizer.maxLength;
  const D = m.textEncoder.output.shape[2] as number;
  const dims = [1, C, F, h, w];
  const seeded = (n: number, seed: number) => new SeededRandom(seed).fillNormal(new Float32Array(n));
  return {
    frames: F,
    latent: new ort.Tensor('float32', seeded(C * F * h * w, 1), dims),
    contexts: [1, 2].map((seed) => new ort.Tensor('float32', seeded(L * D, seed), [1, L, D])),
    out: new ort.Tensor('float32', new Float32Array(C * F * h * w), dims),
    timestep: new ort.Tensor('float32', new Float32Array(1), [1]),
    frame: new ort.Tensor('float32', seeded(C * h * w, 3), [1, C, 1, h, w]),
  };
}

/**
 * What a take costs onnxruntime with nothing around it: the DiT twice per step (cond, uncond) into a
 * pre-allocated output, then the streaming VAE with its caches fed back. No noise, solver, guidance mix, frame
 * conversion or progress, and no text encoder: the backend caches a prompt's embeddings, so its warm takes run
 * none either (the bench checks that the call counts agree). Returns the calls per graph key.
 */
async function rawTake(
  m: ModelManifest,
  sessions: RawSessions,
  feeds: ReturnType<typeof rawFeeds>,
  timesteps: readonly number[],
): Promise<Map<string, number>> {
  const { latent, contexts, out, timestep, frame } = feeds;
  const tr = m.transformer;
  const calls = new Map<string, number>();
  const count = (key: string) => calls.set(key, (calls.get(key) ?? 0) + 1);
  const byBoundary = [...m.transformer.experts].sort((a, b) => b.minTimestep - a.minTimestep);
  for (const t of timesteps) {
    timestep.data[0] = t;
    const expert = byBoundary.find((e) => t >= e.minTimestep)!;
    const session = sessions.experts.get(expert.id)!;
    for (const context of contexts) {
      await session.run(
        { [tr.latent.name]: latent, [tr.timestep.name]: timestep, [tr.context.name]: context },
        { [tr.output.name]: out },
      );
      count(`expert:${expert.id}`);
    }
  }
  if (m.vae.kind !== 'streaming') throw new Error('raw baseline: streaming VAE expected');
  const vae = m.vae;
  let caches: Record<string, Ort.Tensor> = {};
  for (let f = 0; f < feeds.frames; f++) {
    const part = f === 0 ? vae.init : vae.step;
    const result = await (f === 0 ? sessions.init : sessions.step).run({
      [part.latent.name]: frame,
      ...caches,
    });
    count(f === 0 ? 'vae:init' : 'vae:step');
    caches = {};
    for (let k = 0; k < vae.cache.count; k++)
      caches[`${vae.cache.inputPrefix}${k}`] = result[`${vae.cache.outputPrefix}${k}`]!;
  }
  return calls;
}

/** Like with like: the same graphs, each called as often, or the ratio means nothing. */
function sameCalls(ours: ReadonlyMap<string, number>, raw: ReadonlyMap<string, number>): void {
  const text = (calls: ReadonlyMap<string, number>) =>
    [...calls]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, n]) => `${key}×${n}`)
      .join(', ');
  if (text(ours) !== text(raw))
    throw new Error(`onnx overhead: the pipeline ran [${text(ours)}], the raw loop [${text(raw)}]`);
}

/** Wall and CPU time (every thread of the process: onnxruntime's pool and the JS) of one piece of work. */
async function timed<T>(
  work: () => Promise<T>,
): Promise<{ ms: number; cpuMs: number; result: T; window: [number, number] }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await work();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, result, window: [start, start + ms] };
}

/** V8's collections while the bench runs, to tell each side's GC pauses apart after the fact. */
function gcPauses(): { during(windows: [number, number][]): number; stop(): Promise<void> } {
  const pauses: { start: number; ms: number }[] = [];
  const observer = new PerformanceObserver((list) =>
    list.getEntries().forEach((e) => pauses.push({ start: e.startTime, ms: e.duration })),
  );
  observer.observe({ entryTypes: ['gc'] });
  return {
    // The median over takes of the pause time that began inside each take.
    during: (windows) =>
      median(
        windows.map(([a, b]) => pauses.reduce((sum, p) => sum + (p.start >= a && p.start < b ? p.ms : 0), 0)),
      ),
    // Entries are delivered after the collection: give the last ones a turn before disconnecting.
    stop: async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      observer.disconnect();
    },
  };
}

const loads = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** ≥ 25 pairs, the order swapped every pair so drift on a shared machine falls on both sides alike. */
export async function benchOnnxOverhead(pairs = 25): Promise<BenchRow> {
  const dir = mkdtempSync(join(tmpdir(), 'shotline-bench-overhead-'));
  try {
    const m = await makeTestBundle(dir, { variant: 'wan22-t2v-a14b', dims: { sizes: [SIZE] } });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ort = require('onnxruntime-node') as typeof Ort;
    const open = (file: string) => {
      const { options } = sessionPlan(['cpu'], { graphPath: join(dir, file) });
      return ort.InferenceSession.create(join(dir, file), options);
    };
    if (m.vae.kind !== 'streaming') throw new Error('raw baseline: streaming VAE expected');
    const sessions = {
      experts: new Map(
        await Promise.all(m.transformer.experts.map(async (e) => [e.id, await open(e.file)] as const)),
      ),
      init: await open(m.vae.init.file),
      step: await open(m.vae.step.file),
    };
    const backend = new OnnxBackend({ model: dir, provider: 'cpu', previewEvery: 0 });
    const { flowSchedule } = await import('../companion/backends/onnx/schedulers/flow-schedule');
    const { timesteps } = flowSchedule(m.sampling.steps, m.sampling.shift);
    const feeds = rawFeeds(ort, m);
    for (let warm = 0; warm < 3; warm++) {
      await oneTake(backend, 900 + warm);
      await rawTake(m, sessions, feeds, timesteps);
    }
    const before = loads();
    const ours: number[] = [];
    const raw: number[] = [];
    const cpu = { ours: [] as number[], raw: [] as number[] };
    const outside: number[] = [];
    const windows = { ours: [] as [number, number][], raw: [] as [number, number][] };
    const gc = gcPauses();
    for (let i = 0; i < pairs; i++) {
      const mine = async () => {
        const take = await timed(() => oneTake(backend, i));
        ours.push(take.ms);
        cpu.ours.push(take.cpuMs);
        outside.push(take.result.wall - take.result.run);
        windows.ours.push(take.window);
      };
      const bare = async () => {
        const take = await timed(() => rawTake(m, sessions, feeds, timesteps));
        raw.push(take.ms);
        cpu.raw.push(take.cpuMs);
        windows.raw.push(take.window);
        sameCalls(backend.lastTake?.runs.calls ?? new Map(), take.result);
      };
      if (i % 2 === 0) {
        await mine();
        await bare();
      } else {
        await bare();
        await mine();
      }
    }
    await gc.stop();
    await backend.dispose();
    await Promise.all([...sessions.experts.values(), sessions.init, sessions.step].map((s) => s.release()));
    return sampledRow(
      `onnx overhead, tiny A14B ${SIZE.width}x${SIZE.height}, 8 steps, 17 frames`,
      ours,
      'raw session.run loop',
      raw,
      `${pairs} interleaved pairs after 3 warm-up takes (CPU EP); the whole take (noise, guidance, solver, VAE, RGBA frames) against the same DiT and VAE calls in a bare loop, call counts checked equal; JS outside session.run ${median(outside).toFixed(1)} ms per take; CPU ${median(cpu.ours).toFixed(1)} vs ${median(cpu.raw).toFixed(1)} ms per take (${(median(cpu.ours) / median(cpu.raw)).toFixed(2)}x); GC pauses ${gc.during(windows.ours).toFixed(1)} vs ${gc.during(windows.raw).toFixed(1)} ms per take; load average ${before} before, ${loads()} after`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
