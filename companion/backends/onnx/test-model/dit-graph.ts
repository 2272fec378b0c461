// Tiny Wan DiT: patchify (1,2,2), timestep embedding, self- and cross-attention, unpatchify; real I/O names.
import { SeededRandom } from '../random';
import { GraphBuilder, type ElemType } from './graph-builder';

export interface DitGraphOptions {
  channels: number;
  textDim: number;
  textLength: number;
  modelDim: number;
  heads: number;
  /** 1: fixed batch like the community export; 'B': cond+uncond batched in one call. */
  batch: 1 | 'B';
  io: ElemType;
  /** `com.microsoft.MultiHeadAttention` like the real export, or plain MatMul + Softmax. */
  attention: 'mha' | 'matmul';
  seed: number;
  /** TI2V: `timestep` holds one value per latent frame ([1, F]), each frame's tokens embedded with its own. */
  perFrameTimestep?: boolean;
  /** I2V: channels of the `image_conditioning` input concatenated to the latents (mask + encoded video). */
  imageChannels?: number;
}

export function buildDit(o: DitGraphOptions, dataFile: string): { model: Uint8Array; data: Uint8Array } {
  const rng = new SeededRandom(o.seed);
  const g = new GraphBuilder('dit');
  const Dm = o.modelDim;
  const C = o.channels;
  const w = (dims: number[], fanIn: number) =>
    g.weight(dims, rng.fillUniform(new Float32Array(dims.reduce((a, b) => a * b, 1)), 1 / Math.sqrt(fanIn)));
  const io = (name: string) => (o.io === 'float32' ? name : g.op('Cast', [name], { to: 1 }));

  const latent = io(g.input('latent_input', o.io, [o.batch, C, 'F', 'H', 'W']));
  const timestep = io(g.input('timestep', o.io, o.perFrameTimestep ? [1, 'F'] : [1]));
  const text = io(g.input('text_embeddings', o.io, [o.batch, o.textLength, o.textDim]));
  const Y = o.imageChannels ?? 0;
  // WanModel.forward: `x = torch.cat([u, v])` of the latents and y before the patch embedding (in_dim 36).
  const input = Y
    ? g.op('Concat', [latent, io(g.input('image_conditioning', o.io, [o.batch, Y, 'F', 'H', 'W']))], {
        axis: 1,
      })
    : latent;

  const patches = g.op('Conv', [input, w([Dm, C + Y, 1, 2, 2], (C + Y) * 4), w([Dm], C)], {
    kernel_shape: [1, 2, 2],
    strides: [1, 2, 2],
  });
  const gridShape = g.op('Shape', [patches]);
  // Timestep embedding inside the graph, as in the export: sin(t·w) through one projection, one per latent
  // frame ([1, F]) or one for all ([1]), added to every token of its frame.
  const t = g.op('Reshape', [timestep, g.ints([-1, 1])]);
  const freqs = g.weight(
    [1, Dm],
    Float32Array.from({ length: Dm }, (_, i) => 0.001 * (i + 1)),
  );
  const temb = g.op('MatMul', [g.op('Sin', [g.op('MatMul', [t, freqs])]), w([Dm, Dm], Dm)]);
  const perFrame = g.op('Reshape', [g.op('Transpose', [temb], { perm: [1, 0] }), g.ints([1, Dm, -1, 1, 1])]);
  let x = g.op('Transpose', [g.op('Reshape', [g.op('Add', [patches, perFrame]), g.ints([0, Dm, -1])])], {
    perm: [0, 2, 1],
  });

  const attend = (q: string, kv: string, kvDim: number) => {
    const Q = g.op('MatMul', [q, w([Dm, Dm], Dm)]);
    const K = g.op('MatMul', [kv, w([kvDim, Dm], kvDim)]);
    const V = g.op('MatMul', [kv, w([kvDim, Dm], kvDim)]);
    const out =
      o.attention === 'mha'
        ? g.op('MultiHeadAttention', [Q, K, V], { num_heads: o.heads }, undefined, 'com.microsoft')
        : g.op('MatMul', [
            g.op(
              'Softmax',
              [
                g.op('Mul', [
                  g.op('MatMul', [Q, g.op('Transpose', [K], { perm: [0, 2, 1] })]),
                  g.scalar(1 / Math.sqrt(Dm)),
                ]),
              ],
              { axis: -1 },
            ),
            V,
          ]);
    return g.op('MatMul', [out, w([Dm, Dm], Dm)]);
  };
  x = g.op('Add', [x, attend(x, x, Dm)]);
  x = g.op('Add', [x, attend(x, text, o.textDim)]);

  const grid = g.op('Reshape', [
    g.op('Transpose', [g.op('MatMul', [x, w([Dm, Dm], Dm)])], { perm: [0, 2, 1] }),
    gridShape,
  ]);
  const unpatched = g.op('ConvTranspose', [grid, w([Dm, C, 1, 2, 2], Dm), w([C], Dm)], {
    kernel_shape: [1, 2, 2],
    strides: [1, 2, 2],
  });
  // v ≈ ε − x0 stays O(1): a bounded mix of the input and the network output.
  const pred = g.op('Add', [g.op('Tanh', [unpatched]), g.op('Mul', [latent, g.scalar(0.3)])]);
  g.op(o.io === 'float32' ? 'Identity' : 'Cast', [pred], o.io === 'float32' ? {} : { to: 10 }, [
    'noise_prediction',
  ]);
  g.output('noise_prediction', o.io, [o.batch, C, 'F', 'H', 'W']);
  const built = g.build(dataFile);
  return { model: built.model, data: built.data! };
}
