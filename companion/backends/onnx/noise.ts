// The one table of noise generators: a take's starting latents from its seed, by the generator's name.
import type { NoiseGenerator } from '../../../shared/model-bundle';
import { SeededRandom } from './random';
import { torchRandn } from './torch-random';

/** Fills `out` (reused between takes of one size) with standard normal fp32 noise from the seed. */
export type NoiseFill = (seed: number, out: Float32Array) => Float32Array;

export const noiseGenerators: Readonly<Record<NoiseGenerator, NoiseFill>> = Object.freeze({
  fast: (seed, out) => new SeededRandom(seed).fillNormal(out),
  torch: torchRandn,
});
