// What `--quality draft` means for a local Wan take: a step-distilled model, 4 steps, no classifier-free guidance.
// No zod here: the CLI's flag definitions read these lists without loading the schema library.

/** `final`: the bundle's own experts, steps and guidance. `draft`: its step-distilled experts (manifest `draft`). */
export const QUALITIES = Object.freeze(['draft', 'final'] as const);
export type Quality = (typeof QUALITIES)[number];

/**
 * LightX2V's 4-step distill of Wan2.2 T2V-A14B (configs/wan22/wan_moe_t2v_distill.json and
 * lightx2v/models/schedulers/wan/step_distill/scheduler.py, https://github.com/ModelTC/LightX2V):
 * `denoising_step_list` [1000, 750, 500, 250] picks σ = S(1 − k/1000) from the 1000-entry shifted table (shift 5),
 * the model's timestep is that σ·1000 unrounded, each step is x0 = x − σ·v then x = x0 + σ_next·v (flow Euler),
 * `enable_cfg: false` (guidance 1: one transformer pass per step, no negative-prompt pass), and
 * `boundary_step_index` 2 hands steps 3 and 4 to the low-noise expert (their timesteps, 833.3 and 625, are also
 * the ones below Wan's 875 boundary).
 */
export const LIGHTX2V_WAN22_DRAFT = Object.freeze({
  denoisingSteps: Object.freeze([1000, 750, 500, 250]),
  shift: 5.0,
  source: 'https://github.com/ModelTC/LightX2V (configs/wan22/wan_moe_t2v_distill.json)',
});

/** A distilled model needs no guidance: one transformer pass per step. */
export const DRAFT_GUIDANCE = 1;
