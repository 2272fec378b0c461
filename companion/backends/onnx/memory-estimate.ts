// What a take holds on the GPU, stage by stage, and its estimated peak per residency mode: the one function
// doctor, the memory-aware defaults and the README's memory table (memory-table.ts) all use.
import type { ModelManifest, ModelVariant } from '../../../shared/model-bundle';
import { encoderKeys, expertKeys, vaeKeys, type GraphKey } from './graph-keys';

export type Residency = 'all' | 'one';
export const residencies: readonly Residency[] = ['all', 'one'];

/** Bytes of weights per graph: the graph file plus its external data (on disk, or as documented). */
export type GraphWeights = Partial<Record<GraphKey, number>>;

export interface TakeShape {
  width: number;
  height: number;
  frames: number;
}

export interface StageEstimate {
  stage: string;
  resident: GraphKey[];
  weightBytes: number;
  activationBytes: number;
  totalBytes: number;
}

export interface ResidencyEstimate {
  residency: Residency;
  stages: StageEstimate[];
  peak: StageEstimate;
}

/**
 * The real models' layer sizes, which the manifest does not carry (Wan2.2 wan/configs/wan_t2v_A14B.py and
 * wan_ti2v_5B.py: dim, ffn_dim, patch_size (1, 2, 2); the VAE decoders' last stage: 96 channels at full
 * resolution for the Wan2.1 VAE (vae2_1.py `_video_vae` dim=96), 256 at half resolution, so 64 per full-size
 * pixel, for the Wan2.2 VAE (vae2_2.py dec_dim=256 before the 2×2 unpatchify).
 */
const ARCH: Readonly<Record<ModelVariant, { dim: number; ffnDim: number; vaeChannels: number }>> = {
  'wan21-t2v-14b': { dim: 5120, ffnDim: 13824, vaeChannels: 96 },
  'wan22-t2v-a14b': { dim: 5120, ffnDim: 13824, vaeChannels: 96 },
  'wan22-i2v-a14b': { dim: 5120, ffnDim: 13824, vaeChannels: 96 },
  'wan22-ti2v-5b': { dim: 3072, ffnDim: 14336, vaeChannels: 64 },
};
const PATCH = 2;
/** umT5-XXL's feed-forward width (google/umt5-xxl config d_ff). */
const T5_FFN = 10240;
/** CUDA/DirectML context, cuDNN/cuBLAS workspaces and allocator slack: a fixed allowance per process. */
export const RUNTIME_OVERHEAD = 1024 ** 3;

/**
 * The widest moment of one transformer block, per token: attention holds x, its norm, q, k, v and the output
 * (6·dim); the feed-forward holds x, its norm and the hidden layer before and after the activation
 * (2·dim + 2·ffn). With memory patterns off (session-options.ts) onnxruntime frees each intermediate after its
 * last use, so one block's live set is the peak. Assumes a fused attention kernel (no tokens² score matrix).
 */
function transformerActivation(m: ModelManifest, shape: TakeShape): number {
  const a = ARCH[m.variant];
  const s = m.latent.spatialStride * PATCH;
  const tokens = ((shape.frames - 1) / m.latent.temporalStride + 1) * (shape.height / s) * (shape.width / s);
  const bytes = m.transformer.latent.dtype === 'float16' ? 2 : 4;
  // fp8 experts dequantize each matrix to fp16 as its layer runs: the largest (the feed-forward's) is live too.
  const dequantized = m.export?.dtype === 'fp8' ? a.dim * a.ffnDim * 2 : 0;
  return Math.ceil(tokens) * Math.max(6 * a.dim, 2 * a.dim + 2 * a.ffnDim) * bytes + dequantized;
}

function textEncoderActivation(m: ModelManifest): number {
  const dim = m.textEncoder.output.shape[2];
  const d = typeof dim === 'number' ? dim : 4096;
  return m.tokenizer.maxLength * Math.max(6 * d, 2 * d + 2 * T5_FFN) * 4;
}

/**
 * The decoder's full-resolution stage for one chunk of output frames (temporalStride frames per latent frame):
 * three live feature maps per frame plus two cached frames for the causal convolutions, fp32. A whole-clip
 * decoder also holds every output frame at once.
 */
function vaeActivation(m: ModelManifest, shape: TakeShape): number {
  const pixels = shape.width * shape.height;
  const chunk = pixels * 4 * ARCH[m.variant].vaeChannels * (m.latent.temporalStride * 3 + 2 * 2);
  return m.vae.kind === 'whole' ? chunk + 3 * shape.frames * pixels * 4 : chunk;
}

/** The VAE encoder on the start image: one chunk at full resolution, as the decoder's (image takes only). */
function imageActivation(m: ModelManifest, shape: TakeShape): number {
  return shape.width * shape.height * 4 * ARCH[m.variant].vaeChannels * (m.latent.temporalStride * 3 + 2 * 2);
}

/**
 * Bytes each graph keeps resident, from its bytes on disk. A graph whose weights are stored at half width in front of
 * float32 compute (export-wan's text encoder and VAE at fp16/bf16/fp8, and its experts before native half precision)
 * holds them in float32: onnxruntime constant-folds the Cast after each weight at load, so twice the disk bytes.
 * A native half expert (`export.compute` fp16 or bf16) holds what is on disk: for fp8 that is 1 byte per matrix
 * weight plus its fp16 scales, as onnxruntime's constant folding leaves DequantizeLinear alone (it dequantizes one
 * matrix at a time as the layer runs, inside the block's activations).
 */
export function residentWeights(m: ModelManifest, weights: GraphWeights): GraphWeights {
  const record = m.export;
  if (!record || record.dtype === 'fp32') return weights;
  const halfCompute = record.compute === 'fp16' || record.compute === 'bf16';
  const native = new Set<GraphKey>(halfCompute ? expertKeys(m) : []);
  const out: GraphWeights = {};
  for (const [key, bytes] of Object.entries(weights) as [GraphKey, number][])
    out[key] = native.has(key) ? bytes : 2 * bytes;
  return out;
}

function stage(
  name: string,
  resident: GraphKey[],
  weights: GraphWeights,
  activationBytes: number,
): StageEstimate {
  const weightBytes = resident.reduce((sum, k) => sum + (weights[k] ?? 0), 0);
  return {
    stage: name,
    resident,
    weightBytes,
    activationBytes,
    totalBytes: weightBytes + activationBytes + RUNTIME_OVERHEAD,
  };
}

/**
 * Stage by stage, as the backend runs a take. The text encoder is released once the prompts are encoded, before
 * denoising. `all`: the experts and the VAE stay resident, across takes too; `one`: one large graph at a time
 * (the text encoder alone, each expert alone, then the VAE once the experts are freed).
 */
export function estimateMemory(
  m: ModelManifest,
  onDisk: GraphWeights,
  shape: TakeShape,
): Record<Residency, ResidencyEstimate> {
  const weights = residentWeights(m, onDisk);
  const experts = expertKeys(m);
  const vae = vaeKeys(m);
  const dit = transformerActivation(m, shape);
  const decode = vaeActivation(m, shape);
  const encode = textEncoderActivation(m);
  // A take from an image encodes it after the prompts (text encoder freed), before the experts run.
  const encoder = encoderKeys(m);
  const image = (resident: GraphKey[]) =>
    encoder.length
      ? [stage('encode image', [...encoder, ...resident], weights, imageActivation(m, shape))]
      : [];
  const modes: Record<Residency, StageEstimate[]> = {
    all: [
      // The experts and the VAE stay loaded between takes, so a new prompt's encoder loads beside them.
      stage('encode', ['text_encoder', ...experts, ...vae], weights, encode),
      ...image([...experts, ...vae]),
      stage('denoise', [...experts, ...vae], weights, dit),
      stage('decode', [...experts, ...vae], weights, decode),
    ],
    one: [
      stage('encode', ['text_encoder'], weights, encode),
      ...image([]),
      ...experts.map((k) => stage(`denoise, ${k.slice(7)} expert`, [k], weights, dit)),
      stage('decode', vae, weights, decode),
    ],
  };
  const estimate = (residency: Residency): ResidencyEstimate => {
    const stages = modes[residency];
    return {
      residency,
      stages,
      peak: stages.reduce((a, b) => (b.totalBytes > a.totalBytes ? b : a)),
    };
  };
  return { all: estimate('all'), one: estimate('one') };
}

/** Decimal gigabytes, as model cards and this README give sizes. */
export const gb = (bytes: number): string => `${(bytes / 1e9).toFixed(1)} GB`;
