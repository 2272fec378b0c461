// Tiny Wan VAE decoders: the streaming init/step pair with caches (the community protocol) and a whole-clip one.
import { SeededRandom } from '../random';
import { GraphBuilder } from './graph-builder';

export interface VaeGraphOptions {
  channels: number;
  spatialStride: number;
  /** Channel count of each cache slot (the real export has 33 slots). */
  cacheChannels: number[];
  seed: number;
  /** Bundles with an encoder: latent channels 0..2 decode to the colour of their block (the encoder's inverse). */
  colour?: boolean;
}

/** Latent channels the tiny encoder fills with the picture's block colours (vae-encoder-graph.ts). */
export const IMAGE_CHANNELS = 3;

function weights(g: GraphBuilder, rng: SeededRandom, outC: number, inC: number): string {
  return g.weight([outC, inC, 1, 1], rng.fillUniform(new Float32Array(outC * inC), 1.5 / Math.sqrt(inC)));
}

/**
 * The latent -> pixels weights [k·3·s², C] of a decoder with `colour`: DepthToSpace (DCR) sends row
 * (i·s + j)·3k + 3f + c to colour c of frame f at pixel (i, j) of each block; that row reads latent channel c
 * alone, and the other channels barely (the encoder leaves them near zero for an image frame).
 */
function colourWeights(g: GraphBuilder, rng: SeededRandom, frames: number, s: number, C: number): string {
  const rows = frames * 3 * s * s;
  const w = rng.fillUniform(new Float32Array(rows * C), 0.05 / Math.sqrt(C));
  for (let r = 0; r < rows; r++) {
    const colour = r % 3;
    for (let c = 0; c < IMAGE_CHANNELS; c++) w[r * C + c] = c === colour ? 1 : 0;
  }
  return g.weight([rows, C, 1, 1], w);
}

/** [1,k·3·s²,h,w] -> [1,3,k,s·h,s·w]: the 4× temporal and s× spatial upsampling. */
function toVideo(g: GraphBuilder, feat: string, frames: number, s: number, out: string): void {
  const pixels = g.op('DepthToSpace', [feat], { blocksize: s, mode: 'DCR' });
  const split = g.op('Unsqueeze', [g.op('Reshape', [pixels, g.ints([frames, 3, 0, 0])]), g.ints([0])]);
  // Not clamped, like the real decoder: values run a little past ±1.
  const video = g.op('Mul', [g.op('Tanh', [split]), g.scalar(1.25)]);
  g.op('Transpose', [video], { perm: [0, 2, 1, 3, 4] }, [out]);
}

export function buildVaeStreaming(o: VaeGraphOptions, kind: 'init' | 'step'): Uint8Array {
  const rng = new SeededRandom(o.seed + (kind === 'init' ? 0 : 1));
  const g = new GraphBuilder(`vae_decoder_${kind}`);
  const s = o.spatialStride;
  const frames = kind === 'init' ? 1 : 4;
  const latent = g.input('latent_frame', 'float32', [1, o.channels, 1, 'h', 'w']);
  const caches = o.cacheChannels.map((c, k) =>
    kind === 'step' ? g.input(`c${k}`, 'float32', [1, c, 1, 'h', 'w']) : undefined,
  );
  const z = g.op('Squeeze', [latent, g.ints([2])]);
  const decode = o.colour
    ? colourWeights(g, rng, frames, s, o.channels)
    : weights(g, rng, frames * 3 * s * s, o.channels);
  let feat = g.op('Conv', [z, decode]);
  if (kind === 'step' && caches[0]) {
    // The step graph really depends on the cache: a decoder fed the wrong cache gives other frames.
    const prev = g.op('Squeeze', [caches[0], g.ints([2])]);
    feat = g.op('Add', [
      feat,
      g.op('Conv', [prev, weights(g, rng, frames * 3 * s * s, o.cacheChannels[0]!)]),
    ]);
  }
  toVideo(g, feat, frames, s, 'video_frames');
  g.output('video_frames', 'float32', [1, 3, frames, 'H', 'W']);
  o.cacheChannels.forEach((c, k) => {
    let next = g.op('Unsqueeze', [
      g.op('Tanh', [g.op('Conv', [z, weights(g, rng, c, o.channels)])]),
      g.ints([2]),
    ]);
    if (caches[k]) next = g.op('Add', [next, g.op('Mul', [caches[k]!, g.scalar(0.5)])]);
    g.op('Identity', [next], {}, [`nc${k}`]);
    g.output(`nc${k}`, 'float32', [1, c, 1, 'h', 'w']);
  });
  return g.build().model;
}

/** One graph for all latent frames: frame 0 -> 1 frame, each later latent frame -> 4 (1 + 4(T−1)). */
export function buildVaeWhole(o: VaeGraphOptions): Uint8Array {
  const rng = new SeededRandom(o.seed);
  const g = new GraphBuilder('vae_decoder_whole');
  const s = o.spatialStride;
  const latent = g.input('latent', 'float32', [1, o.channels, 'T', 'h', 'w']);
  // Frames as batch: [T, C, h, w], upsample each to 4 frames, then drop the first latent's first 3.
  const perFrame = g.op('Squeeze', [g.op('Transpose', [latent], { perm: [2, 0, 1, 3, 4] }), g.ints([1])]);
  const decode = o.colour
    ? colourWeights(g, rng, 4, s, o.channels)
    : weights(g, rng, 4 * 3 * s * s, o.channels);
  const feat = g.op('Conv', [perFrame, decode]);
  const pixels = g.op('DepthToSpace', [feat], { blocksize: s, mode: 'DCR' });
  const frames = g.op('Reshape', [pixels, g.ints([-1, 3, 0, 0])]);
  const trimmed = g.op('Slice', [frames, g.ints([3]), g.ints([1 << 30]), g.ints([0])]);
  const video = g.op('Mul', [g.op('Tanh', [trimmed]), g.scalar(1.25)]);
  g.op('Unsqueeze', [g.op('Transpose', [video], { perm: [1, 0, 2, 3] }), g.ints([0])], {}, ['video_frames']);
  g.output('video_frames', 'float32', [1, 3, 'F', 'H', 'W']);
  return g.build().model;
}
