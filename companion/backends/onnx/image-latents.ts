// A start image -> what the experts take: latent frame 0 (TI2V-5B) or the mask and encoded-video channels (I2V-A14B).
import { I2V_MASK_CHANNELS, type ModelManifest } from '../../../shared/model-bundle';
import { ShotlineError } from '../../../shared/protocol';
import type { GraphKey } from './graph-keys';
import type { GraphSession } from './graph-session';
import type { OrtTensor } from './ort-runtime';
import { readFloats } from './tensors';

export interface ImageLatents {
  kind: 'first-latent' | 'channels';
  /** first-latent: latent frame 0, [C, h, w]; channels: y, [4 + C, T, h, w]. */
  data: Float32Array;
}

export interface EncodeImageInput {
  manifest: ModelManifest;
  /** Planar RGB in [−1, 1] at the take's size (image-pixels.ts). */
  pixels: Float32Array;
  /** The take's latent shape [C, T, h, w]. */
  latentShape: readonly [number, number, number, number];
  signal: AbortSignal;
  session(key: GraphKey): Promise<GraphSession>;
}

/** Whether a bundle can start a take from an image: an image input on its experts and a VAE encoder. */
export function startsFromImage(m: ModelManifest): boolean {
  return m.transformer.image !== undefined && m.vaeEncoder !== undefined;
}

/** Writes frame 0 of latents [C, T, h, w] from z0 [C, h, w]: TI2V keeps the image's frame fixed. */
export function holdFirstLatent(x: Float32Array, shape: readonly number[], z0: Float32Array): void {
  const [C, T, h, w] = shape as [number, number, number, number];
  const plane = h * w;
  for (let c = 0; c < C; c++) x.set(z0.subarray(c * plane, (c + 1) * plane), c * T * plane);
}

export async function encodeImage(input: EncodeImageInput): Promise<ImageLatents> {
  const { manifest: m, latentShape, signal } = input;
  const image = m.transformer.image;
  const enc = m.vaeEncoder;
  if (!image || !enc)
    throw new ShotlineError(
      'INVALID_SHOT',
      `onnx: "${m.name}" has no VAE encoder; it cannot start from an image.`,
      { params: { bundle: m.name, case: 'onnxNoEncoder' } },
    );
  const [C, T, h, w] = latentShape;
  const s = m.latent.spatialStride;
  const [H, W] = [h * s, w * s];
  const plane = h * w;
  const init = await input.session('encoder:init');
  let out = await init.run({
    [enc.init.video.name]: init.float(enc.init.video, input.pixels, [1, 3, 1, H, W]),
  });
  const first = readFloats(out[enc.init.latent.name]!, init.file);
  if (image.kind === 'first-latent') return { kind: 'first-latent', data: first.slice(0, C * plane) };

  // image2video.py: y = VAE([image, zeros(3, F − 1, H, W)]): the zero frames go through the step graph in
  // chunks of 4, their latents shaped by the image through the encoder's caches.
  const M = I2V_MASK_CHANNELS;
  const y = new Float32Array((M + C) * T * plane);
  const put = (latent: Float32Array, t: number) => {
    for (let c = 0; c < C; c++) y.set(latent.subarray(c * plane, (c + 1) * plane), ((M + c) * T + t) * plane);
  };
  put(first, 0);
  // The mask: 1 on every mask channel of latent frame 0 (the image's frame repeated 4 times), 0 after.
  for (let c = 0; c < M; c++) y.fill(1, c * T * plane, (c * T + 1) * plane);
  if (T > 1) {
    const step = await input.session('encoder:step');
    const zeros = step.float(enc.step.video, new Float32Array(3 * 4 * H * W), [1, 3, 4, H, W]);
    for (let t = 1; t < T; t++) {
      if (signal.aborted) throw new ShotlineError('JOB_CANCELLED', 'The job was cancelled.');
      const caches: Record<string, OrtTensor> = {};
      for (let k = 0; k < enc.cache.count; k++)
        caches[`${enc.cache.inputPrefix}${k}`] = out[`${enc.cache.outputPrefix}${k}`]!;
      out = await step.run({ [enc.step.video.name]: zeros, ...caches });
      put(readFloats(out[enc.step.latent.name]!, step.file), t);
    }
  }
  return { kind: 'channels', data: y };
}
