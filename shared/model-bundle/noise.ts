// The seeded-noise generators a local take can start from; recorded in provenance so a take can be made again.
// No zod here: the CLI's flag definitions read this list without loading the schema library.

/**
 * `fast`: Shotline's own xoshiro128** + Box–Muller (the default: the faster one, see `npm run bench`).
 * `torch`: the numbers `torch.manual_seed(seed); torch.randn(shape)` gives on the CPU in float32, so a clip made by
 * a script that draws its noise that way (ComfyUI draws on the CPU; Wan's generate.py does with `--device cpu`)
 * starts from the same noise.
 */
export const NOISE_GENERATORS = Object.freeze(['fast', 'torch'] as const);
export type NoiseGenerator = (typeof NOISE_GENERATORS)[number];
