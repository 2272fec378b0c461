// Latents -> RGBA frames: the streaming init/step protocol (caches fed back) or one whole-clip call.
import type { ModelManifest } from '../../../shared/model-bundle';
import { ShotlineError } from '../../../shared/protocol';
import type { GraphKey } from './graph-keys';
import type { GraphSession } from './graph-session';
import type { OrtTensor } from './ort-runtime';
import { readFloats } from './tensors';

export interface VaeDecodeInput {
  manifest: ModelManifest;
  latents: Float32Array;
  /** [C, F, h, w] */
  latentShape: readonly [number, number, number, number];
  signal: AbortSignal;
  session(key: GraphKey): Promise<GraphSession>;
}

/** Per-channel z·std + mean when the manifest says the graph expects de-normalised latents. */
function denormalize(m: ModelManifest, latents: Float32Array): Float32Array {
  const norm = m.vae.normalization;
  if (norm.kind === 'in-graph') return latents;
  const out = new Float32Array(latents.length);
  const perChannel = latents.length / m.latent.channels;
  for (let i = 0; i < latents.length; i++) {
    const c = Math.floor(i / perChannel);
    out[i] = latents[i]! * norm.std[c]! + norm.mean[c]!;
  }
  return out;
}

/** Frame j of a [1,3,k,H,W] decoder output as RGBA: clamp to [−1, 1], then (x+1)/2·255. */
export function toRgba(
  video: Float32Array,
  frames: number,
  j: number,
  width: number,
  height: number,
): Uint8Array {
  const plane = width * height;
  const rgba = new Uint8Array(plane * 4);
  const r = (0 * frames + j) * plane;
  const g = (1 * frames + j) * plane;
  const b = (2 * frames + j) * plane;
  // One pass writing whole pixels; same as round(((clamp(x, -1, 1) + 1) / 2) * 255) without Math calls.
  for (let p = 0, o = 0; p < plane; p++, o += 4) {
    const xr = video[r + p]!;
    const xg = video[g + p]!;
    const xb = video[b + p]!;
    rgba[o] = xr >= 1 ? 255 : xr <= -1 ? 0 : (xr * 127.5 + 128) | 0;
    rgba[o + 1] = xg >= 1 ? 255 : xg <= -1 ? 0 : (xg * 127.5 + 128) | 0;
    rgba[o + 2] = xb >= 1 ? 255 : xb <= -1 ? 0 : (xb * 127.5 + 128) | 0;
    rgba[o + 3] = 255;
  }
  return rgba;
}

function cancelled(): ShotlineError {
  return new ShotlineError('JOB_CANCELLED', 'The job was cancelled.');
}

/** Yields frames as the decoder makes them, so encoding starts after the first latent frame. */
export async function* decodeFrames(input: VaeDecodeInput): AsyncGenerator<Uint8Array> {
  const { manifest: m, latentShape, signal } = input;
  const [C, F, h, w] = latentShape;
  const plane = h * w;
  const latents = denormalize(m, input.latents);
  const vae = m.vae;
  if (vae.kind === 'whole') {
    const session = await input.session('vae:decoder');
    const out = await session.run({
      [vae.decoder.latent.name]: session.float(vae.decoder.latent, latents, [1, C, F, h, w]),
    });
    yield* framesOf(out[vae.decoder.video.name]!, session.file);
    return;
  }
  let caches: Record<string, OrtTensor> = {};
  for (let f = 0; f < F; f++) {
    if (signal.aborted) throw cancelled();
    const frame = new Float32Array(C * plane);
    for (let c = 0; c < C; c++)
      frame.set(latents.subarray((c * F + f) * plane, (c * F + f + 1) * plane), c * plane);
    const part = f === 0 ? vae.init : vae.step;
    const session = await input.session(f === 0 ? 'vae:init' : 'vae:step');
    const out = await session.run({
      [part.latent.name]: session.float(part.latent, frame, [1, C, 1, h, w]),
      ...caches,
    });
    // nc_k of this call is c_k of the next: the causal convolutions' memory. Caches left in GPU buffers
    // (session-options.ts) are freed once the run that read them is done.
    for (const used of Object.values(caches)) if (used.location === 'gpu-buffer') used.dispose();
    caches = {};
    for (let k = 0; k < vae.cache.count; k++) {
      caches[`${vae.cache.inputPrefix}${k}`] = out[`${vae.cache.outputPrefix}${k}`]!;
    }
    yield* framesOf(out[part.video.name]!, session.file);
  }
  for (const last of Object.values(caches)) if (last.location === 'gpu-buffer') last.dispose();
}

function* framesOf(video: OrtTensor, file: string): Generator<Uint8Array> {
  const [, channels, frames, height, width] = video.dims as number[];
  if (video.dims.length !== 5 || channels !== 3) {
    throw new ShotlineError(
      'MODEL_INVALID',
      `${file}: video output has shape [${video.dims.join(',')}], not [1,3,F,H,W].`,
    );
  }
  const data = readFloats(video, file);
  for (let j = 0; j < frames!; j++) yield toRgba(data, frames!, j, width!, height!);
}
