// The onnx backend against onnxruntime alone: the same graph calls in a bare loop, interleaved take for take.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Ort from 'onnxruntime-node';
import { OnnxBackend } from '../companion/backends/onnx/onnx-backend';
import { sessionPlan } from '../companion/backends/onnx/session-options';
import { makeTestBundle } from '../companion/backends/onnx/test-model/make-test-bundle';
import type { ModelManifest } from '../shared/model-bundle';
import { oneTake } from './onnx-pipeline';
import { sampledRow, type BenchRow } from './table';

const SIZE = { width: 384, height: 256 };

/**
 * What a take costs onnxruntime with nothing around it: the DiT twice per step into pre-allocated outputs, then
 * the streaming VAE with its caches fed back. No noise, solver, guidance mix, frame conversion or progress, and no
 * text encoder (the backend caches a prompt's embeddings, so warm takes run none either).
 */
async function rawTake(
  ort: typeof Ort,
  m: ModelManifest,
  sessions: {
    experts: Map<string, Ort.InferenceSession>;
    init: Ort.InferenceSession;
    step: Ort.InferenceSession;
  },
  timesteps: readonly number[],
): Promise<void> {
  const { channels: C } = m.latent;
  const [F, h, w] = [5, SIZE.height / m.latent.spatialStride, SIZE.width / m.latent.spatialStride];
  const L = m.tokenizer.maxLength;
  const D = m.textEncoder.output.shape[2] as number;
  const dims = [1, C, F, h, w];
  const tr = m.transformer;
  const latent = new ort.Tensor('float32', new Float32Array(C * F * h * w), dims);
  const context = new ort.Tensor('float32', new Float32Array(L * D), [1, L, D]);
  const out = new ort.Tensor('float32', new Float32Array(C * F * h * w), dims);
  const timestep = new ort.Tensor('float32', new Float32Array(1), [1]);
  for (const t of timesteps) {
    timestep.data[0] = t;
    const expert = [...m.transformer.experts]
      .sort((a, b) => b.minTimestep - a.minTimestep)
      .find((e) => t >= e.minTimestep)!;
    const session = sessions.experts.get(expert.id)!;
    for (let pass = 0; pass < 2; pass++)
      await session.run(
        { [tr.latent.name]: latent, [tr.timestep.name]: timestep, [tr.context.name]: context },
        { [tr.output.name]: out },
      );
  }
  if (m.vae.kind !== 'streaming') throw new Error('raw baseline: streaming VAE expected');
  const vae = m.vae;
  const frame = new ort.Tensor('float32', new Float32Array(C * h * w), [1, C, 1, h, w]);
  let caches: Record<string, Ort.Tensor> = {};
  for (let f = 0; f < F; f++) {
    const part = f === 0 ? vae.init : vae.step;
    const result = await (f === 0 ? sessions.init : sessions.step).run({
      [part.latent.name]: frame,
      ...caches,
    });
    caches = {};
    for (let k = 0; k < vae.cache.count; k++)
      caches[`${vae.cache.inputPrefix}${k}`] = result[`${vae.cache.outputPrefix}${k}`]!;
  }
}

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
    const timed = async (work: () => Promise<unknown>) => {
      const start = performance.now();
      await work();
      return performance.now() - start;
    };
    for (let warm = 0; warm < 3; warm++) {
      await oneTake(backend, 900 + warm);
      await rawTake(ort, m, sessions, timesteps);
    }
    const ours: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < pairs; i++) {
      const mine = () => timed(() => oneTake(backend, i));
      const bare = () => timed(() => rawTake(ort, m, sessions, timesteps));
      if (i % 2 === 0) {
        ours.push(await mine());
        raw.push(await bare());
      } else {
        raw.push(await bare());
        ours.push(await mine());
      }
    }
    await backend.dispose();
    await Promise.all([...sessions.experts.values(), sessions.init, sessions.step].map((s) => s.release()));
    return sampledRow(
      `onnx overhead, tiny A14B ${SIZE.width}x${SIZE.height}, 8 steps, 17 frames`,
      ours,
      'raw session.run loop',
      raw,
      `${pairs} interleaved pairs after 3 warm-up takes (CPU EP); the whole take (noise, guidance, solver, VAE, RGBA frames) against the same DiT and VAE calls in a bare loop`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
