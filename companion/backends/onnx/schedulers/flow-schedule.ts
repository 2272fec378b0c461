// Wan's flow-matching schedule: shifted sigmas and integer timesteps, computed the way its scheduler does.

export interface FlowSchedule {
  /** Length steps + 1, rounded to fp32 like Wan's table; the last one is 0. */
  sigmas: Float64Array;
  /** Integer timesteps trunc(1000·σ_i), from the unrounded σ as Wan does; length steps. */
  timesteps: number[];
}

/** Wan builds its table from float32(0.999) (the train-time σ max) with numpy's linspace arithmetic. */
const SIGMA_MAX = Math.fround(0.999);

export function flowSchedule(steps: number, shift: number): FlowSchedule {
  if (!Number.isInteger(steps) || steps < 1)
    throw new Error(`flow schedule: steps must be a positive integer, got ${steps}`);
  if (!(shift > 0)) throw new Error(`flow schedule: shift must be above 0, got ${shift}`);
  const delta = -SIGMA_MAX / steps;
  const sigmas = new Float64Array(steps + 1);
  const timesteps: number[] = [];
  for (let i = 0; i < steps; i++) {
    const s = i * delta + SIGMA_MAX;
    const shifted = (shift * s) / (1 + (shift - 1) * s);
    timesteps.push(Math.trunc(shifted * 1000));
    sigmas[i] = Math.fround(shifted);
  }
  sigmas[steps] = 0;
  return { sigmas, timesteps };
}
