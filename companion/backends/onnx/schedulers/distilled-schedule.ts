// The 4-step draft's schedule: LightX2V's denoising_step_list over the shifted 1000-entry σ table (draft-preset.ts).
import type { FlowSchedule } from './flow-schedule';

/**
 * σ_k = S(1 − k/1000) for k = 1000 − step, S(s) = shift·s / (1 + (shift−1)·s), in float32 as torch computes the
 * table; the model's timestep is σ·1000 unrounded (LightX2V feeds the float, not Wan's truncated integer).
 */
export function distilledSchedule(denoisingSteps: readonly number[], shift: number): FlowSchedule {
  const f = Math.fround;
  const sigmas = new Float64Array(denoisingSteps.length + 1);
  const timesteps = denoisingSteps.map((step, i) => {
    // torch.linspace(1, 0, 1001)[k]: float32 steps of 1/1000 from the top.
    const s = f(1 - (1000 - step) / 1000);
    const shifted = f(f(shift * s) / f(1 + f((shift - 1) * s)));
    sigmas[i] = shifted;
    return f(shifted * 1000);
  });
  sigmas[denoisingSteps.length] = 0;
  return { sigmas, timesteps };
}
