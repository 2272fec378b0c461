// Start (and end) images -> what the experts take: latent frame 0 (TI2V-5B) or the mask and encoded-video
// channels (I2V-A14B, and Wan2.1's first-and-last-frame layout on bundles that take it).
import { I2V_MASK_CHANNELS, type ModelManifest } from '../../../shared/model-bundle';
import type { ConditioningMode } from '../../../shared/protocol';
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
  /** First-and-last-frame: the end image, as `pixels`; only bundles that take it (`takesFirstAndLast`). */
  endPixels?: Float32Array;
  /** The take's latent shape [C, T, h, w]. */
  latentShape: readonly [number, number, number, number];
  signal: AbortSignal;
  session(key: GraphKey): Promise<GraphSession>;
}

/** Whether a bundle can start a take from an image: an image input on its experts and a VAE encoder. */
export function startsFromImage(m: ModelManifest): boolean {
  return m.transformer.image !== undefined && m.vaeEncoder !== undefined;
}

/** Whether a bundle's experts also take a first and a last frame (the manifest's `firstLastFrame`). */
export function takesFirstAndLast(m: ModelManifest): boolean {
  const image = m.transformer.image;
  return image?.kind === 'channels' && image.firstLastFrame === true && m.vaeEncoder !== undefined;
}

/** The conditioning modes a bundle runs; undefined for a text-only one. */
export function imageModes(m: ModelManifest): ConditioningMode[] | undefined {
  if (!startsFromImage(m)) return undefined;
  return takesFirstAndLast(m) ? ['i2v', 'flf2v'] : ['i2v'];
}

/** Writes frame 0 of latents [C, T, h, w] from z0 [C, h, w]: TI2V keeps the image's frame fixed. */
export function holdFirstLatent(x: Float32Array, shape: readonly number[], z0: Float32Array): void {
  const [C, T, h, w] = shape as [number, number, number, number];
  const plane = h * w;
  for (let c = 0; c < C; c++) x.set(z0.subarray(c * plane, (c + 1) * plane), c * T * plane);
}

/**
 * y's mask at latent frame t, channel c (image2video.py, first_last_frame2video.py): 1 on the kept pixel frames
 * (0, and F − 1 with an end image), frame 0 repeated 4 times, then folded by the temporal stride, so entry
 * 4t + c is pixel frame max(0, 4t + c − 3): frame 0 fills all of latent frame 0, frame F − 1 only the last
 * channel of the last latent frame.
 */
export function maskValue(t: number, c: number, frames: number, withEnd: boolean): number {
  const f = Math.max(0, I2V_MASK_CHANNELS * t + c - (I2V_MASK_CHANNELS - 1));
  return f === 0 || (withEnd && f === frames - 1) ? 1 : 0;
}

/** Refuses an end image the bundle cannot take, or a take too short to have a last frame apart from its first. */
export function checkEndImage(m: ModelManifest, T: number): void {
  if (!takesFirstAndLast(m))
    throw new ShotlineError(
      'INVALID_SHOT',
      `onnx: "${m.name}" does not take a first and a last frame; it can only start from an image.`,
      { params: { bundle: m.name, case: 'onnxNoFirstLast' } },
    );
  const frames = (T - 1) * m.latent.temporalStride + 1;
  // F = 4k + 1 with k >= 1: the end image needs a 4-frame chunk of its own after the start image's frame.
  if (T < 2)
    throw new ShotlineError(
      'INVALID_SHOT',
      `onnx: first-and-last-frame needs a take of at least ${m.latent.temporalStride + 1} frames (4k + 1) at the model's rate; this one has ${frames}.`,
      { params: { frames, least: m.latent.temporalStride + 1, case: 'onnxFirstLastFrames' } },
    );
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
  const end = input.endPixels;
  if (end) checkEndImage(m, T);
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
  // chunks of 4, their latents shaped by the image through the encoder's caches. first_last_frame2video.py:
  // y = VAE([first, zeros(3, F − 2, H, W), last]): the last chunk is [0, 0, 0, last].
  const M = I2V_MASK_CHANNELS;
  const F = (T - 1) * m.latent.temporalStride + 1;
  const y = new Float32Array((M + C) * T * plane);
  const put = (latent: Float32Array, t: number) => {
    for (let c = 0; c < C; c++) y.set(latent.subarray(c * plane, (c + 1) * plane), ((M + c) * T + t) * plane);
  };
  put(first, 0);
  for (let c = 0; c < M; c++)
    for (let t = 0; t < T; t++)
      if (maskValue(t, c, F, end !== undefined)) y.fill(1, (c * T + t) * plane, (c * T + t + 1) * plane);
  if (T > 1) {
    const step = await input.session('encoder:step');
    const chunk = [1, 3, 4, H, W];
    const zeros = step.float(enc.step.video, new Float32Array(3 * 4 * H * W), chunk);
    const last = end && step.float(enc.step.video, lastChunk(end, H * W), chunk);
    for (let t = 1; t < T; t++) {
      if (signal.aborted) throw new ShotlineError('JOB_CANCELLED', 'The job was cancelled.');
      const caches: Record<string, OrtTensor> = {};
      for (let k = 0; k < enc.cache.count; k++)
        caches[`${enc.cache.inputPrefix}${k}`] = out[`${enc.cache.outputPrefix}${k}`]!;
      out = await step.run({ [enc.step.video.name]: last && t === T - 1 ? last : zeros, ...caches });
      put(readFloats(out[enc.step.latent.name]!, step.file), t);
    }
  }
  return { kind: 'channels', data: y };
}

/** [3, 4, H, W] planar: three zero frames, then the end image (planar [3, H·W]) as the chunk's last frame. */
function lastChunk(end: Float32Array, plane: number): Float32Array {
  const chunk = new Float32Array(3 * 4 * plane);
  for (let c = 0; c < 3; c++) chunk.set(end.subarray(c * plane, (c + 1) * plane), (c * 4 + 3) * plane);
  return chunk;
}
