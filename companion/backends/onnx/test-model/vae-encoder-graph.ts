// Tiny Wan VAE encoders (init: frame 0; step: 4 frames and the caches), the inverse of the tiny decoders' colours.
import { SeededRandom } from '../random';
import { GraphBuilder } from './graph-builder';
import { IMAGE_CHANNELS, type VaeGraphOptions } from './vae-graph';

/**
 * Latent channels 0..2 are the block means of atanh(x / 1.25), what the tiny decoders' colour columns turn back
 * into the picture (vae-graph.ts), so a decoded image frame shows its start image; the other channels and the
 * caches are seeded mixes, so the step graph's latents depend on frame 0 through its caches as Wan's do.
 */
export function buildVaeEncoder(o: VaeGraphOptions, kind: 'init' | 'step'): Uint8Array {
  const rng = new SeededRandom(o.seed + (kind === 'init' ? 10 : 11));
  const g = new GraphBuilder(`vae_encoder_${kind}`);
  const s = o.spatialStride;
  const C = o.channels;
  const video = g.input('video_frames', 'float32', [1, 3, kind === 'init' ? 1 : 4, 'H', 'W']);
  const caches = o.cacheChannels.map((c, k) =>
    kind === 'step' ? g.input(`c${k}`, 'float32', [1, c, 1, 'h', 'w']) : undefined,
  );
  const frame =
    kind === 'init'
      ? g.op('Squeeze', [video, g.ints([2])])
      : g.op('ReduceMean', [video], { axes: [2], keepdims: 0 });
  const u = g.op('Atanh', [
    g.op('Clip', [g.op('Mul', [frame, g.scalar(0.8)]), g.scalar(-0.99), g.scalar(0.99)]),
  ]);
  const pooled = g.op('AveragePool', [u], { kernel_shape: [s, s], strides: [s, s] });
  const mix = new Float32Array(C * 3);
  rng.fillUniform(mix, 0.5);
  for (let c = 0; c < IMAGE_CHANNELS; c++) mix.fill(0, c * 3, c * 3 + 3).fill(1, c * 3 + c, c * 3 + c + 1);
  let latent = g.op('Conv', [pooled, g.weight([C, 3, 1, 1], mix)]);
  const conv = (x: string, outC: number, inC: number) =>
    g.op('Conv', [
      x,
      g.weight([outC, inC, 1, 1], rng.fillUniform(new Float32Array(outC * inC), 1 / Math.sqrt(inC))),
    ]);
  if (caches[0])
    latent = g.op('Add', [latent, conv(g.op('Squeeze', [caches[0], g.ints([2])]), C, o.cacheChannels[0]!)]);
  g.op('Unsqueeze', [latent, g.ints([2])], {}, ['latent_frame']);
  g.output('latent_frame', 'float32', [1, C, 1, 'h', 'w']);
  o.cacheChannels.forEach((c, k) => {
    let next = g.op('Unsqueeze', [g.op('Tanh', [conv(pooled, c, 3)]), g.ints([2])]);
    if (caches[k]) next = g.op('Add', [next, g.op('Mul', [caches[k]!, g.scalar(0.5)])]);
    g.op('Identity', [next], {}, [`nc${k}`]);
    g.output(`nc${k}`, 'float32', [1, c, 1, 'h', 'w']);
  });
  return g.build().model;
}
