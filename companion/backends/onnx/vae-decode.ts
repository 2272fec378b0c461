// Latents -> RGBA frames: the streaming init/step protocol (caches fed back) or one whole-clip call.
import type { ModelManifest } from '../../../shared/model-bundle';
import { ShotlineError } from '../../../shared/protocol';
import type { GraphKey } from './graph-keys';
import type { GraphSession } from './graph-session';
import type { OrtTensor } from './ort-runtime';
import { giveKernel, takeKernel } from './rgba-kernel';
import { product, readFloats } from './tensors';

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

/** Whether a Uint32 written over RGBA bytes puts R in the first byte (every platform onnxruntime-node ships for). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** One channel value: round(((clamp(x, -1, 1) + 1) / 2) * 255) without Math calls. */
const byteOf = (x: number): number => (x >= 1 ? 255 : x <= -1 ? 0 : (x * 127.5 + 128) | 0);

/** Below this magnitude x·127.5 + 128 truncates to an int32 exactly, so `saturated` equals `byteOf`. */
const INT_SAFE = 2 ** 24;

/**
 * `byteOf` for |x| < INT_SAFE with the clamp done on the integer by shifts: a VAE's output crosses ±1 at
 * random, and byteOf's two compares then mispredicted often enough to double the frame conversion's time.
 */
function saturated(x: number): number {
  let t = (x * 127.5 + 128) | 0;
  t &= ~(t >> 31); // negatives to 0
  t |= (255 - t) >> 31; // above 255 to all ones
  return t & 255;
}

/**
 * Frame j of a [1,3,k,H,W] decoder output as RGBA: clamp to [−1, 1], then (x+1)/2·255. Written into `rgba`
 * when given (a take reuses one buffer for all its frames), else into a new one.
 */
export function toRgba(
  video: Float32Array,
  frames: number,
  j: number,
  width: number,
  height: number,
  rgba: Uint8Array = new Uint8Array(width * height * 4),
): Uint8Array {
  const plane = width * height;
  const r = (0 * frames + j) * plane;
  const g = (1 * frames + j) * plane;
  const b = (2 * frames + j) * plane;
  if (LITTLE_ENDIAN) {
    // One 32-bit store per pixel instead of four byte stores: the loop is most of the JS a take spends. The
    // magnitude test is always true for a real decoder's output, so it costs no mispredictions.
    const pixels = new Uint32Array(rgba.buffer, rgba.byteOffset, plane);
    for (let p = 0; p < plane; p++) {
      const R = video[r + p]!;
      const G = video[g + p]!;
      const B = video[b + p]!;
      pixels[p] =
        Math.abs(R) < INT_SAFE && Math.abs(G) < INT_SAFE && Math.abs(B) < INT_SAFE
          ? (saturated(R) | (saturated(G) << 8) | (saturated(B) << 16) | 0xff000000) >>> 0
          : (byteOf(R) | (byteOf(G) << 8) | (byteOf(B) << 16) | 0xff000000) >>> 0;
    }
    return rgba;
  }
  for (let p = 0, o = 0; p < plane; p++, o += 4) {
    rgba[o] = byteOf(video[r + p]!);
    rgba[o + 1] = byteOf(video[g + p]!);
    rgba[o + 2] = byteOf(video[b + p]!);
    rgba[o + 3] = 255;
  }
  return rgba;
}

function cancelled(): ShotlineError {
  return new ShotlineError('JOB_CANCELLED', 'The job was cancelled.');
}

/**
 * Yields frames as the decoder makes them, so encoding starts after the first latent frame. Every frame is
 * written into the same buffer (a consumer that keeps one copies it, as RawFrameSource says): 17 frames of a
 * 384x256 take were 6.7 MB of fresh pages to fault in and collect.
 */
export async function* decodeFrames(input: VaeDecodeInput): AsyncGenerator<Uint8Array> {
  const { manifest: m, latentShape, signal } = input;
  const [C, F, h, w] = latentShape;
  const plane = h * w;
  const into = { rgba: new Uint8Array(0) };
  const latents = denormalize(m, input.latents);
  const vae = m.vae;
  if (vae.kind === 'whole') {
    const session = await input.session('vae:decoder');
    const out = await session.run({
      [vae.decoder.latent.name]: session.float(vae.decoder.latent, latents, [1, C, F, h, w]),
    });
    yield* framesOf(out[vae.decoder.video.name]!, session.file, into);
    return;
  }
  let caches: Record<string, OrtTensor> = {};
  // One latent-frame buffer for every call: each run is awaited before the next frame is copied in.
  const frame = new Float32Array(C * plane);
  // The caches are fetched as onnxruntime allocates them; only the video output goes into the kernel.
  const cacheFetches = Object.fromEntries(
    Array.from({ length: vae.cache.count }, (_, k) => [`${vae.cache.outputPrefix}${k}`, null]),
  );
  const kernel = LITTLE_ENDIAN ? takeKernel() : undefined;
  try {
    for (let f = 0; f < F; f++) {
      if (signal.aborted) throw cancelled();
      for (let c = 0; c < C; c++)
        frame.set(latents.subarray((c * F + f) * plane, (c * F + f + 1) * plane), c * plane);
      const part = f === 0 ? vae.init : vae.step;
      const session = await input.session(f === 0 ? 'vae:init' : 'vae:step');
      // Once a call of this graph at this size showed its fp32 output's shape, onnxruntime writes the output
      // straight into the kernel's memory: no output allocation and no copy before the conversion.
      const dims = kernel && knownVideo.get(session)?.get(`${h}x${w}`);
      if (dims) kernel.reserve(product(dims), dims[3]! * dims[4]!);
      const feeds = { [part.latent.name]: session.float(part.latent, frame, [1, C, 1, h, w]), ...caches };
      const out = await (dims
        ? session.run(feeds, {
            [part.video.name]: new session.ort.Tensor('float32', kernel!.video, dims),
            ...cacheFetches,
          })
        : session.run(feeds));
      // nc_k of this call is c_k of the next: the causal convolutions' memory. Caches left in GPU buffers
      // (session-options.ts) are freed once the run that read them is done.
      for (const used of Object.values(caches)) if (used.location === 'gpu-buffer') used.dispose();
      caches = {};
      for (let k = 0; k < vae.cache.count; k++) {
        caches[`${vae.cache.inputPrefix}${k}`] = out[`${vae.cache.outputPrefix}${k}`]!;
      }
      if (dims) {
        for (let j = 0; j < dims[2]!; j++) yield kernel!.frame(dims[2]!, j, dims[3]! * dims[4]!);
        continue;
      }
      const video = out[part.video.name]!;
      const shape = videoShape(video, session.file);
      if (kernel && video.type === 'float32' && (shape[3]! * shape[4]!) % 4 === 0)
        learnVideo(session, h, w, shape);
      yield* framesOf(video, session.file, into);
    }
    for (const last of Object.values(caches)) if (last.location === 'gpu-buffer') last.dispose();
  } finally {
    if (kernel) giveKernel(kernel);
  }
}

/** The fp32 video output's shape per session and latent size, from the first call that showed it. */
const knownVideo = new WeakMap<GraphSession, Map<string, readonly number[]>>();

function learnVideo(session: GraphSession, h: number, w: number, shape: readonly number[]): void {
  const sizes = knownVideo.get(session) ?? new Map<string, readonly number[]>();
  sizes.set(`${h}x${w}`, shape);
  knownVideo.set(session, sizes);
}

/** A decoder's video output shape, checked to be [1,3,F,H,W]. */
function videoShape(video: OrtTensor, file: string): readonly number[] {
  if (video.dims.length !== 5 || video.dims[1] !== 3) {
    throw new ShotlineError(
      'MODEL_INVALID',
      `${file}: video output has shape [${video.dims.join(',')}], not [1,3,F,H,W].`,
      { params: { file, shape: `[${video.dims.join(',')}]`, case: 'vaeOutputShape' } },
    );
  }
  return video.dims;
}

/** Yields each frame in `into.rgba`, which is (re)allocated only when the frame size changes. */
function* framesOf(video: OrtTensor, file: string, into: { rgba: Uint8Array }): Generator<Uint8Array> {
  const [, , frames, height, width] = videoShape(video, file);
  const data = readFloats(video, file);
  if (into.rgba.length !== width! * height! * 4) into.rgba = new Uint8Array(width! * height! * 4);
  for (let j = 0; j < frames!; j++) yield toRgba(data, frames!, j, width!, height!, into.rgba);
}
