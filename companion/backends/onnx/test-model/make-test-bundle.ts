// Writes the tiny Wan-shaped bundle: the real manifest layout and graph contract, small dims, seeded weights.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  MANIFEST_FILE,
  ModelManifestSchema,
  wanManifest,
  type ModelManifest,
  type ModelVariant,
  type WanDims,
} from '../../../../shared/model-bundle';
import { buildDit } from './dit-graph';
import { buildTextEncoder } from './text-encoder-graph';
import { buildTokenizerJson } from './tokenizer-json';
import { buildVaeEncoder } from './vae-encoder-graph';
import { buildVaeStreaming, buildVaeWhole } from './vae-graph';

/** The tiny 16-channel, stride-8 model every Wan2.1-VAE variant shares (T2V-A14B's own steps and shift). */
const TINY_A14B: WanDims = {
  latentChannels: 16,
  spatialStride: 8,
  textDim: 32,
  textLength: 16,
  cacheCount: 4,
  encoderCacheCount: 3,
  steps: 8,
  shift: 12,
  frames: 17,
  fps: { num: 16, den: 1 },
  sizes: [{ width: 48, height: 32 }],
};

export const TINY_DIMS: Readonly<Record<ModelVariant, WanDims>> = Object.freeze({
  // Wan2.1's 14B: its own steps and shift, and a portrait size too.
  'wan21-t2v-14b': {
    ...TINY_A14B,
    steps: 6,
    shift: 5,
    sizes: [
      { width: 48, height: 32 },
      { width: 32, height: 48 },
    ],
  },
  'wan22-t2v-a14b': TINY_A14B,
  // wan_i2v_A14B.py's shift 5 on the same tiny experts.
  'wan22-i2v-a14b': { ...TINY_A14B, shift: 5 },
  'wan22-ti2v-5b': {
    latentChannels: 48,
    spatialStride: 16,
    textDim: 32,
    textLength: 16,
    cacheCount: 0,
    encoderCacheCount: 2,
    steps: 4,
    shift: 5,
    frames: 17,
    fps: { num: 24, den: 1 },
    sizes: [{ width: 96, height: 64 }],
  },
});

export interface TestBundleOptions {
  variant?: ModelVariant;
  dims?: Partial<WanDims>;
  /** 'dynamic' builds DiT graphs that take cond+uncond as one batch of 2. */
  batch?: 1 | 'dynamic';
  attention?: 'mha' | 'matmul';
  seed?: number;
  /** Also write 4-step "distilled" experts (other seeded weights, same contract) and the manifest's draft. */
  draft?: boolean;
  /** Add the VAE encoder and the experts' image input (always on for wan22-i2v-a14b). */
  image?: boolean;
  /** wan22-i2v-a14b: false writes a manifest without first-and-last-frame (bundles made before it). */
  firstLastFrame?: boolean;
}

export async function makeTestBundle(dir: string, options: TestBundleOptions = {}): Promise<ModelManifest> {
  const variant = options.variant ?? 'wan21-t2v-14b';
  const dims = { ...TINY_DIMS[variant], ...options.dims };
  const seed = options.seed ?? 1234;
  const input = wanManifest(variant, {
    dims,
    name: `tiny-${variant}`,
    draft: options.draft === true,
    ...(options.image !== undefined && { image: options.image }),
    ...(options.firstLastFrame !== undefined && { firstLastFrame: options.firstLastFrame }),
  });
  const batch = options.batch ?? 1;
  if (batch === 'dynamic') {
    const t = input.transformer;
    t.batch = 'dynamic';
    const image = t.image?.kind === 'channels' ? [t.image.input] : [];
    for (const spec of [t.latent, t.context, t.output, ...image]) spec.shape = ['B', ...spec.shape.slice(1)];
  }
  const manifest = ModelManifestSchema.parse(input);
  const put = async (file: string, bytes: Uint8Array | string) => {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), bytes);
  };

  const tokenizer = buildTokenizerJson();
  await put(manifest.tokenizer.file, JSON.stringify(tokenizer.json));
  await put(manifest.textEncoder.file, buildTextEncoder(tokenizer.vocabSize, dims.textDim, seed));
  // The tiny 5B bundle exercises fp16 I/O; the others keep float32 (their manifests accept either).
  const ioType = variant === 'wan22-ti2v-5b' ? 'float16' : 'float32';
  const image = manifest.transformer.image;
  const dits = [
    ...manifest.transformer.experts,
    ...(manifest.draft?.experts ?? []).map((e) => ({ ...e, draft: true })),
  ];
  for (const [i, expert] of dits.entries()) {
    const dataFile = expert.externalData[0] ?? `${expert.file}.data`;
    const built = buildDit(
      {
        channels: dims.latentChannels,
        textDim: dims.textDim,
        textLength: dims.textLength,
        modelDim: 32,
        heads: 2,
        batch: batch === 'dynamic' ? 'B' : 1,
        io: ioType,
        attention: options.attention ?? (variant === 'wan22-ti2v-5b' ? 'matmul' : 'mha'),
        seed: seed + 100 + i,
        perFrameTimestep: manifest.transformer.timestep.shape.length === 2,
        ...(image?.kind === 'channels' && { imageChannels: image.input.shape[1] as number }),
      },
      dataFile.split('/').pop()!,
    );
    await put(expert.file, built.model);
    await put(dataFile, built.data);
  }
  const vaeOptions = {
    channels: dims.latentChannels,
    spatialStride: dims.spatialStride,
    cacheChannels: Array.from({ length: dims.cacheCount }, (_, k) => 4 + 2 * k),
    seed: seed + 200,
    colour: manifest.vaeEncoder !== undefined,
  };
  if (manifest.vaeEncoder) {
    const encoder = {
      ...vaeOptions,
      cacheChannels: Array.from({ length: dims.encoderCacheCount }, (_, k) => 3 + k),
    };
    await put(manifest.vaeEncoder.init.file, buildVaeEncoder(encoder, 'init'));
    await put(manifest.vaeEncoder.step.file, buildVaeEncoder(encoder, 'step'));
  }
  const vae = manifest.vae;
  if (vae.kind === 'streaming') {
    await put(vae.init.file, buildVaeStreaming(vaeOptions, 'init'));
    await put(vae.step.file, buildVaeStreaming(vaeOptions, 'step'));
  } else {
    await put(vae.decoder.file, buildVaeWhole(vaeOptions));
  }
  // The text encoder's external data is declared for the real export; the tiny one keeps weights inline.
  manifest.textEncoder.externalData = [];
  await put(MANIFEST_FILE, JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}
