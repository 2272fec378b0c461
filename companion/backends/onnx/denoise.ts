// The sampling loop: experts by timestep, classifier-free guidance, the flow solver, progress between steps.
import { DRAFT_GUIDANCE, type Expert, type ModelManifest, type Quality } from '../../../shared/model-bundle';
import { ShotlineError } from '../../../shared/protocol';
import type { GraphKey } from './graph-keys';
import type { GraphSession } from './graph-session';
import type { FlowSchedule } from './schedulers/flow-schedule';
import { flowSolvers } from './schedulers/flow-scheduler';
import { GuidedVelocity } from './guidance';
import { holdFirstLatent, type ImageLatents } from './image-latents';

export interface DenoiseInput {
  manifest: ModelManifest;
  /** `draft`: the distilled graphs (`draft:<id>`), flow Euler and guidance 1 whatever the experts say. */
  quality: Quality;
  schedule: FlowSchedule;
  /** Noise at σ_0; advanced in place and returned as the final latents. */
  latents: Float32Array;
  latentShape: readonly number[];
  cond: Float32Array;
  uncond: Float32Array;
  /** The start image's latents, when the take starts from one (image-to-video). */
  image?: ImageLatents;
  signal: AbortSignal;
  /** The session of an expert; with one-expert residency this loads it and releases the other. */
  expertSession(key: GraphKey): Promise<GraphSession>;
  /**
   * After each step's model calls, before the solver moves x on: the step number (1-based) and the x0
   * estimate, for previews; call `x0` synchronously (x changes once onStep returns).
   */
  onStep(step: number, x0: () => Float32Array): void;
}

/** The expert for an integer timestep: the one with the highest minTimestep <= t. */
export function expertFor(m: ModelManifest, t: number): Expert {
  const sorted = [...m.transformer.experts].sort((a, b) => b.minTimestep - a.minTimestep);
  return sorted.find((e) => t >= e.minTimestep) ?? sorted[sorted.length - 1]!;
}

/** Which expert takes how many steps, at what guidance: the provenance of a take's sampling. */
export function expertGuidance(
  m: ModelManifest,
  timesteps: readonly number[],
  quality: Quality,
): { expert: string; guidance: number; steps: number }[] {
  return m.transformer.experts
    .map((e) => ({
      expert: e.id,
      guidance: quality === 'draft' ? DRAFT_GUIDANCE : e.guidance,
      steps: timesteps.filter((t) => expertFor(m, t).id === e.id).length,
    }))
    .filter((e) => e.steps > 0);
}

export async function denoise(input: DenoiseInput): Promise<Float32Array> {
  const { manifest: m, schedule, signal } = input;
  const draft = input.quality === 'draft';
  // LightX2V's distilled step (x0 = x − σ·v, then x0 + σ_next·v) is flow Euler.
  const solver = flowSolvers[draft ? 'euler' : m.sampling.solver](schedule);
  // One latent buffer for the whole take: fed to the graph as is and advanced in place by the solver.
  const x = input.latents;
  const guided = new GuidedVelocity(m, x, input.latentShape, input.cond, input.uncond, input.image);
  // textimage2video.py: `latent = (1 - mask2) * z + mask2 * latent` before the loop and after every step.
  const hold = () =>
    input.image?.kind === 'first-latent' && holdFirstLatent(x, input.latentShape, input.image.data);
  hold();
  for (let i = 0; i < schedule.timesteps.length; i++) {
    if (signal.aborted) throw new ShotlineError('JOB_CANCELLED', 'The job was cancelled.');
    const t = schedule.timesteps[i]!;
    const expert = expertFor(m, t);
    const session = await input.expertSession(`${draft ? 'draft' : 'expert'}:${expert.id}`);
    const v = await guided.at(session, t, draft ? DRAFT_GUIDANCE : expert.guidance);
    const sigma = schedule.sigmas[i]!;
    // Before the solver overwrites x: x0 = x − σ·v is computed only if a preview asks for it.
    input.onStep(i + 1, () => {
      const x0 = new Float32Array(x.length);
      for (let k = 0; k < x0.length; k++) x0[k] = x[k]! - sigma * v[k]!;
      return x0;
    });
    solver.step(v, x);
    hold();
  }
  // A cancelled or failed take just drops its kernel; a finished one hands it to the next take.
  guided.release();
  return x;
}
