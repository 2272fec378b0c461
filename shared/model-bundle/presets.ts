// Manifests for the known Wan bundles (DESIGN.md §4); the tiny test bundle is the same manifest with small dims.
import { WAN_DEFAULT_NEGATIVE_PROMPT } from '../shots/prompt-targets';
import { LIGHTX2V_WAN22_DRAFT } from './draft-preset';
import { I2V_MASK_CHANNELS } from './image-conditioning';
import type { ModelManifestInput, ModelVariant, TensorSpec } from './manifest';

/** Wan's own negative prompt, used when a shot gives none (one copy, cited where it is defined). */
export const WAN_NEGATIVE_PROMPT = WAN_DEFAULT_NEGATIVE_PROMPT;

/** The numbers that differ between the real models and the tiny test bundle. */
export interface WanDims {
  latentChannels: number;
  spatialStride: number;
  textDim: number;
  textLength: number;
  cacheCount: number;
  /** Cache slots of the VAE encoder's step graph (its causal convolutions and temporal downsamplers). */
  encoderCacheCount: number;
  steps: number;
  shift: number;
  frames: number;
  fps: { num: number; den: number };
  sizes: { width: number; height: number }[];
}

const SIZES_A14B = [
  { width: 1280, height: 720 },
  { width: 720, height: 1280 },
  { width: 832, height: 480 },
  { width: 480, height: 832 },
];

/**
 * Cache slots of export-wan's encoder step graph: 24 for both the Wan2.1 and the Wan2.2 VAE (their encoders
 * have the same stages; the count depends on those, not on widths, so it was counted on the tiny exports).
 */
const ENCODER_CACHES = 24;

/** umT5-XXL's text (512 tokens of 4096) and the encoder's caches: the same for every variant. */
const TEXT_DIMS = { textDim: 4096, textLength: 512, encoderCacheCount: ENCODER_CACHES };
/** The 14B layouts: the Wan2.1 VAE (stride 4x8x8, z 16, 33 decoder caches), 81 frames at 16 fps. */
const DIMS_14B = {
  ...TEXT_DIMS,
  latentChannels: 16,
  spatialStride: 8,
  cacheCount: 33,
  frames: 81,
  fps: { num: 16, den: 1 },
  sizes: SIZES_A14B,
};

export const REAL_DIMS: Readonly<Record<ModelVariant, WanDims>> = Object.freeze({
  'wan21-t2v-14b': { ...DIMS_14B, steps: 50, shift: 5.0 },
  'wan22-t2v-a14b': { ...DIMS_14B, steps: 40, shift: 12.0 },
  // wan/configs/wan_i2v_A14B.py: sample_steps 40, sample_shift 5.0, the Wan2.1 VAE (stride 4x8x8, z 16).
  'wan22-i2v-a14b': { ...DIMS_14B, steps: 40, shift: 5.0 },
  'wan22-ti2v-5b': {
    ...TEXT_DIMS,
    latentChannels: 48,
    spatialStride: 16,
    cacheCount: 0,
    steps: 50,
    shift: 5.0,
    frames: 121,
    fps: { num: 24, den: 1 },
    sizes: [
      { width: 1280, height: 704 },
      { width: 704, height: 1280 },
    ],
  },
});

export interface WanManifestOptions {
  /** Community export: `dit.onnx` (4-bit, f32 I/O) or `dit_fp16.onnx` (may declare fp16 I/O). */
  ditFile?: 'dit.onnx' | 'dit_fp16.onnx';
  dims?: Partial<WanDims>;
  name?: string;
  /** Add the 4-step distilled experts (`<expert file>` with `_4step` before `.onnx`), LightX2V's schedule. */
  draft?: boolean;
  /** Add the VAE encoder and the experts' image input (always on for wan22-i2v-a14b; 5B exports have it). */
  image?: boolean;
  /** wan22-i2v-a14b: its experts also take the first-and-last-frame y (on unless false). */
  firstLastFrame?: boolean;
}

const t = (name: string, dtype: TensorSpec['dtype'], shape: TensorSpec['shape']): TensorSpec => ({
  name,
  dtype,
  shape,
});

/** The manifest of a Wan bundle laid out like AkaneTendo25/wan21-onnx (Wan2.2 variants follow the same contract). */
export function wanManifest(variant: ModelVariant, options: WanManifestOptions = {}): ModelManifestInput {
  const d = { ...REAL_DIMS[variant], ...options.dims };
  const C = d.latentChannels;
  // A native-fp16 export (A14B included) declares float16 I/O; the community 4-bit dit.onnx takes float32.
  const ditDtype =
    (options.ditFile ?? 'dit.onnx') === 'dit.onnx' && variant === 'wan21-t2v-14b' ? 'float32' : 'float';
  const dit = (file: string) => ({ file, externalData: [`${file}.data`] });
  const twoExperts = (boundary: number, high: number, low: number) => [
    { id: 'high_noise' as const, ...dit('dit_high_noise.onnx'), minTimestep: boundary, guidance: high },
    { id: 'low_noise' as const, ...dit('dit_low_noise.onnx'), minTimestep: 0, guidance: low },
  ];
  const experts =
    variant === 'wan22-t2v-a14b'
      ? twoExperts(875, 4.0, 3.0)
      : variant === 'wan22-i2v-a14b'
        ? // wan_i2v_A14B.py: boundary 0.900, sample_guide_scale (3.5, 3.5).
          twoExperts(900, 3.5, 3.5)
        : [{ id: 'dense' as const, ...dit(options.ditFile ?? 'dit.onnx'), minTimestep: 0, guidance: 5.0 }];
  const image = options.image ?? variant === 'wan22-i2v-a14b';
  const imageInput =
    variant === 'wan22-i2v-a14b'
      ? {
          kind: 'channels' as const,
          input: t('image_conditioning', ditDtype, [1, I2V_MASK_CHANNELS + C, 'F', 'H', 'W']),
          ...(options.firstLastFrame !== false && { firstLastFrame: true }),
        }
      : { kind: 'first-latent' as const };
  const encoderGraph = (file: string, frames: number) => ({
    file,
    video: t('video_frames', 'float32', [1, 3, frames, 'H', 'W']),
    latent: t('latent_frame', 'float32', [1, C, 1, 'h', 'w']),
  });
  const vae =
    variant === 'wan22-ti2v-5b'
      ? {
          kind: 'whole' as const,
          decoder: {
            file: 'vae22_decoder.onnx',
            latent: t('latent', 'float32', [1, C, 'T', 'h', 'w']),
            video: t('video_frames', 'float32', [1, 3, 'F', 'H', 'W']),
          },
          normalization: { kind: 'in-graph' as const },
        }
      : {
          kind: 'streaming' as const,
          init: {
            file: 'vae_decoder_init.onnx',
            latent: t('latent_frame', 'float32', [1, C, 1, 'h', 'w']),
            video: t('video_frames', 'float32', [1, 3, 1, 'H', 'W']),
          },
          step: {
            file: 'vae_decoder.onnx',
            latent: t('latent_frame', 'float32', [1, C, 1, 'h', 'w']),
            video: t('video_frames', 'float32', [1, 3, 4, 'H', 'W']),
          },
          cache: { count: d.cacheCount, inputPrefix: 'c', outputPrefix: 'nc' },
          normalization: { kind: 'in-graph' as const },
        };
  return {
    format: 'shotline-model',
    formatVersion: 1,
    family: 'wan',
    variant,
    name: options.name ?? variant,
    ...(variant === 'wan21-t2v-14b' && {
      source: 'https://huggingface.co/AkaneTendo25/wan21-onnx',
      license: 'Apache-2.0',
    }),
    tokenizer: { file: 'google/umt5-xxl/tokenizer.json', padId: 0, maxLength: d.textLength },
    textEncoder: {
      file: 't5_encoder_fp16.onnx',
      externalData: ['t5_encoder_fp16.onnx.data'],
      inputIds: t('input_ids', 'int64', ['B', 'S']),
      attentionMask: t('attention_mask', 'int64', ['B', 'S']),
      output: t('text_embeddings', 'float32', ['B', 'S', d.textDim]),
    },
    latent: { channels: C, temporalStride: 4, spatialStride: d.spatialStride },
    transformer: {
      experts,
      batch: 1,
      latent: t('latent_input', ditDtype, [1, C, 'F', 'H', 'W']),
      timestep: t('timestep', ditDtype, image && imageInput.kind === 'first-latent' ? [1, 'F'] : [1]),
      context: t('text_embeddings', ditDtype, [1, d.textLength, d.textDim]),
      output: t('noise_prediction', ditDtype, [1, C, 'F', 'H', 'W']),
      ...(image && { image: imageInput }),
    },
    vae,
    ...(image && {
      vaeEncoder: {
        init: encoderGraph('vae_encoder_init.onnx', 1),
        step: encoderGraph('vae_encoder.onnx', 4),
        cache: { count: d.encoderCacheCount, inputPrefix: 'c', outputPrefix: 'nc' },
      },
    }),
    ...(options.draft && {
      draft: {
        experts: experts.map((e) => ({ id: e.id, ...dit(e.file.replace(/\.onnx$/, '_4step.onnx')) })),
        denoisingSteps: [...LIGHTX2V_WAN22_DRAFT.denoisingSteps],
        shift: LIGHTX2V_WAN22_DRAFT.shift,
        source: LIGHTX2V_WAN22_DRAFT.source,
      },
    }),
    sampling: {
      steps: d.steps,
      shift: d.shift,
      solver: 'unipc',
      fps: d.fps,
      frames: d.frames,
      sizes: d.sizes,
      negativePrompt: WAN_NEGATIVE_PROMPT,
    },
  };
}
