// The sampling loop: experts by timestep, classifier-free guidance, the flow solver, progress between steps.
import type { Expert, ModelManifest } from '../../../shared/model-bundle';
import { ShotlineError } from '../../../shared/protocol';
import type { GraphKey } from './graph-keys';
import type { GraphSession } from './graph-session';
import type { FlowSchedule } from './schedulers/flow-schedule';
import { flowSolvers } from './schedulers/flow-scheduler';
import { readFloats } from './tensors';

export interface DenoiseInput {
  manifest: ModelManifest;
  schedule: FlowSchedule;
  latents: Float32Array;
  latentShape: readonly number[];
  cond: Float32Array;
  uncond: Float32Array;
  signal: AbortSignal;
  /** The session of an expert; with one-expert residency this loads it and releases the other. */
  expertSession(key: GraphKey): Promise<GraphSession>;
  /** After each step: its number (1-based) and the x0 estimate, for previews. */
  onStep(step: number, x0: () => Float32Array): void;
}

/** The expert for an integer timestep: the one with the highest minTimestep <= t. */
export function expertFor(m: ModelManifest, t: number): Expert {
  const sorted = [...m.transformer.experts].sort((a, b) => b.minTimestep - a.minTimestep);
  return sorted.find((e) => t >= e.minTimestep) ?? sorted[sorted.length - 1]!;
}

export async function denoise(input: DenoiseInput): Promise<Float32Array> {
  const { manifest: m, schedule, signal } = input;
  const solver = flowSolvers[m.sampling.solver](schedule);
  let x = input.latents;
  for (let i = 0; i < schedule.timesteps.length; i++) {
    if (signal.aborted) throw new ShotlineError('JOB_CANCELLED', 'The job was cancelled.');
    const t = schedule.timesteps[i]!;
    const expert = expertFor(m, t);
    const session = await input.expertSession(`expert:${expert.id}`);
    const v = await guidedVelocity(
      session,
      m,
      x,
      input.latentShape,
      t,
      input.cond,
      input.uncond,
      expert.guidance,
    );
    const sigma = schedule.sigmas[i]!;
    const current = x;
    x = solver.step(v, x);
    input.onStep(i + 1, () => current.map((value, k) => value - sigma * v[k]!));
  }
  return x;
}

/** v = v_uncond + g·(v_cond − v_uncond); one batch-2 call when the graph takes it, else two calls. */
async function guidedVelocity(
  session: GraphSession,
  m: ModelManifest,
  x: Float32Array,
  shape: readonly number[],
  t: number,
  cond: Float32Array,
  uncond: Float32Array,
  guidance: number,
): Promise<Float32Array> {
  const tr = m.transformer;
  const L = m.tokenizer.maxLength;
  const D = cond.length / L;
  const run = async (batch: number, latent: Float32Array, context: Float32Array) => {
    const out = await session.run({
      [tr.latent.name]: session.float(tr.latent, latent, [batch, ...shape]),
      [tr.timestep.name]: session.float(tr.timestep, Float32Array.of(t), [1]),
      [tr.context.name]: session.float(tr.context, context, [batch, L, D]),
    });
    return readFloats(out[tr.output.name]!, session.file);
  };
  if (guidance === 1) return run(1, x, cond);
  let vc: Float32Array;
  let vu: Float32Array;
  if (tr.batch === 1) {
    vc = await run(1, x, cond);
    vu = await run(1, x, uncond);
  } else {
    const both = await run(2, concat(x, x), concat(cond, uncond));
    vc = both.subarray(0, x.length);
    vu = both.subarray(x.length);
  }
  const v = new Float32Array(x.length);
  for (let k = 0; k < v.length; k++) v[k] = vu[k]! + guidance * (vc[k]! - vu[k]!);
  return v;
}

function concat(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
