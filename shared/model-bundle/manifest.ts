// The `shotline-model.json` manifest: what a model bundle folder holds and the graph contract each file must meet.
import { z } from 'zod';
import { ImageConditioningSchema, VaeEncoderSchema } from './image-conditioning';
import { BundlePathSchema, GraphCacheSchema, GraphFileShape, TensorSpecSchema } from './tensor-spec';

export { MANIFEST_FILE } from './manifest-file';
export * from './tensor-spec';
export * from './image-conditioning';

export const ExpertSchema = z
  .object({
    id: z.enum(['high_noise', 'low_noise', 'dense']),
    ...GraphFileShape,
    /** This expert denoises every step whose integer timestep is >= this (and below the next expert's). */
    minTimestep: z.number().int().min(0).max(1000),
    guidance: z.number().min(0).max(30),
  })
  .strict();
export type Expert = z.infer<typeof ExpertSchema>;

/** A step-distilled expert: the same graph contract as the expert of that id, other weights. */
export const DraftExpertSchema = z.object({ id: ExpertSchema.shape.id, ...GraphFileShape }).strict();

/** The bundle's 4-step draft (draft-preset.ts): distilled experts and their own timestep list, guidance 1. */
export const DraftSchema = z
  .object({
    experts: z.array(DraftExpertSchema).min(1).max(2),
    /** LightX2V's `denoising_step_list`: indices into the 1000-entry shifted σ table, counted from the top. */
    denoisingSteps: z.array(z.number().int().min(1).max(1000)).min(1).max(16),
    shift: z.number().positive(),
    source: z.string().optional(),
  })
  .strict();
export type DraftSpec = z.infer<typeof DraftSchema>;

const FrameRateSchema = z
  .object({ num: z.number().int().positive(), den: z.number().int().positive() })
  .strict();
const SizeSchema = z
  .object({ width: z.number().int().positive(), height: z.number().int().positive() })
  .strict();

export const VaeNormalizationSchema = z.discriminatedUnion('kind', [
  /** The decoder graph de-normalises latents itself (the community export). */
  z.object({ kind: z.literal('in-graph') }).strict(),
  /** Per-channel `z·std + mean` before decoding. */
  z.object({ kind: z.literal('affine'), mean: z.array(z.number()), std: z.array(z.number()) }).strict(),
]);

const VaeGraphSchema = z
  .object({ ...GraphFileShape, latent: TensorSpecSchema, video: TensorSpecSchema })
  .strict();

export const VaeSchema = z.discriminatedUnion('kind', [
  /** Init graph for latent frame 0, step graph for each later one, caches fed back (`nc_k` -> `c_k`). */
  z
    .object({
      kind: z.literal('streaming'),
      init: VaeGraphSchema,
      step: VaeGraphSchema,
      cache: GraphCacheSchema,
      normalization: VaeNormalizationSchema,
    })
    .strict(),
  /** One graph decoding all latent frames at once. */
  z
    .object({ kind: z.literal('whole'), decoder: VaeGraphSchema, normalization: VaeNormalizationSchema })
    .strict(),
]);
export type VaeSpec = z.infer<typeof VaeSchema>;

/** What the experts compute in: float32, or natively in a half type. */
export const ComputeDTypeSchema = z.enum(['fp32', 'fp16', 'bf16']);
/** How export-wan stored the weights (`--dtype`): a compute type, or float8 matrices (fp8, computing in fp16). */
export const StoredDTypeSchema = z.enum([...ComputeDTypeSchema.options, 'fp8']);
export type StoredDType = z.infer<typeof StoredDTypeSchema>;

/** How the graphs were made: export-wan records the opset and the providers its operator check covered. */
const ExportRecordSchema = z
  .object({
    tool: z.string().min(1),
    /** How the weights are stored. */
    dtype: StoredDTypeSchema,
    /**
     * What the experts compute (and keep resident) in: `dtype` for a native half export, fp16 for fp8 (float8
     * matrices dequantized to fp16 in the graph). Absent (bundles exported before native half precision): float32,
     * the half-width weights cast back at load. The text encoder and the VAE always compute in float32.
     */
    compute: ComputeDTypeSchema.optional(),
    opset: z.number().int().positive(),
    checkedFor: z.array(z.string().min(1)),
  })
  .strict();

export const ModelManifestSchema = z
  .object({
    format: z.literal('shotline-model'),
    formatVersion: z.literal(1),
    family: z.literal('wan'),
    variant: z.enum(['wan21-t2v-14b', 'wan22-t2v-a14b', 'wan22-ti2v-5b', 'wan22-i2v-a14b']),
    name: z.string().min(1).max(120),
    source: z.string().optional(),
    license: z.string().optional(),
    tokenizer: z
      .object({
        file: BundlePathSchema,
        padId: z.number().int().min(0),
        maxLength: z.number().int().positive().max(4096),
      })
      .strict(),
    textEncoder: z
      .object({
        ...GraphFileShape,
        inputIds: TensorSpecSchema,
        attentionMask: TensorSpecSchema,
        output: TensorSpecSchema,
      })
      .strict(),
    latent: z
      .object({
        channels: z.number().int().positive(),
        temporalStride: z.number().int().positive(),
        spatialStride: z.number().int().positive(),
        /** Fixed latent -> RGB map for previews: `channels` rows of [r, g, b], then a bias. */
        previewRgb: z
          .object({
            weights: z.array(z.tuple([z.number(), z.number(), z.number()])),
            bias: z.tuple([z.number(), z.number(), z.number()]),
          })
          .strict()
          .optional(),
      })
      .strict(),
    transformer: z
      .object({
        /** WanModel's patch_size (t, h, w): a frame size must divide by the VAE stride times this. */
        patch: z
          .tuple([z.number().int().positive(), z.number().int().positive(), z.number().int().positive()])
          .default([1, 2, 2]),
        experts: z.array(ExpertSchema).min(1).max(2),
        /** 1: cond and uncond are two calls; 2 or 'dynamic': one batched call. */
        batch: z.union([z.literal(1), z.literal(2), z.literal('dynamic')]),
        latent: TensorSpecSchema,
        /** [1]: one timestep for every token; [1, 'F']: one per latent frame (TI2V's image frame gets 0). */
        timestep: TensorSpecSchema,
        context: TensorSpecSchema,
        output: TensorSpecSchema,
        /** How the experts take a start image; absent: text to video only. */
        image: ImageConditioningSchema.optional(),
      })
      .strict(),
    vae: VaeSchema,
    /** Image to video needs the image as latents: absent in text-only bundles (the community export). */
    vaeEncoder: VaeEncoderSchema.optional(),
    export: ExportRecordSchema.optional(),
    draft: DraftSchema.optional(),
    sampling: z
      .object({
        steps: z.number().int().min(1).max(1000),
        shift: z.number().positive(),
        solver: z.enum(['unipc', 'euler']),
        fps: FrameRateSchema,
        /** Most frames the model makes in one clip; always temporalStride·n + 1. */
        frames: z.number().int().positive(),
        sizes: z.array(SizeSchema).min(1),
        negativePrompt: z.string().default(''),
      })
      .strict(),
  })
  .strict()
  .superRefine((m, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    const mins = m.transformer.experts.map((e) => e.minTimestep);
    if (!mins.includes(0)) issue(['transformer', 'experts'], 'one expert must start at minTimestep 0');
    if (new Set(mins).size !== mins.length)
      issue(['transformer', 'experts'], 'experts need distinct minTimestep');
    if ((m.sampling.frames - 1) % m.latent.temporalStride !== 0)
      issue(['sampling', 'frames'], `frames must be ${m.latent.temporalStride}n+1`);
    // The transformer patchifies the latent grid, so a size divides by VAE stride x patch (16 A14B, 32 5B).
    const [, ph, pw] = m.transformer.patch;
    const sh = m.latent.spatialStride * ph;
    const sw = m.latent.spatialStride * pw;
    m.sampling.sizes.forEach((s, i) => {
      if (s.width % sw || s.height % sh)
        issue(
          ['sampling', 'sizes', i],
          `${s.width}x${s.height} must be a multiple of ${sw}x${sh} (VAE stride ${m.latent.spatialStride} ` +
            `x patch ${pw}x${ph})`,
        );
    });
    const L = m.transformer.context.shape[1];
    if (typeof L === 'number' && L !== m.tokenizer.maxLength)
      issue(
        ['transformer', 'context', 'shape'],
        `text length ${L} differs from tokenizer.maxLength ${m.tokenizer.maxLength}`,
      );
    const preview = m.latent.previewRgb;
    if (preview && preview.weights.length !== m.latent.channels)
      issue(['latent', 'previewRgb', 'weights'], `needs one row per latent channel (${m.latent.channels})`);
    if (m.draft) {
      const ids = (list: { id: string }[]) =>
        list
          .map((e) => e.id)
          .sort()
          .join(',');
      if (ids(m.draft.experts) !== ids(m.transformer.experts))
        issue(['draft', 'experts'], `needs one distilled graph per expert (${ids(m.transformer.experts)})`);
      if (m.draft.denoisingSteps.some((s, i, all) => i > 0 && s >= all[i - 1]!))
        issue(['draft', 'denoisingSteps'], 'must count down (e.g. [1000, 750, 500, 250])');
    }
    const image = m.transformer.image;
    if (image && !m.vaeEncoder)
      issue(['vaeEncoder'], 'image conditioning needs the VAE encoder graphs (vaeEncoder)');
    if (image?.kind === 'first-latent' && m.transformer.timestep.shape.length !== 2)
      issue(
        ['transformer', 'timestep', 'shape'],
        "first-latent conditioning needs one timestep per latent frame [1, 'F']",
      );
    // Each image-conditioned variant has its own way (the text-to-video checkpoints were not trained for one).
    const ways: Partial<Record<string, string>> = {
      'wan22-i2v-a14b': 'channels',
      'wan22-ti2v-5b': 'first-latent',
    };
    const way = ways[m.variant];
    if (m.variant === 'wan22-i2v-a14b' && image?.kind !== 'channels')
      issue(['transformer', 'image'], 'wan22-i2v-a14b takes its image as input channels (kind "channels")');
    else if (image && image.kind !== way)
      issue(['transformer', 'image'], `${m.variant} cannot take an image as "${image.kind}"`);
    // export-wan's float8 experts dequantize to fp16 and compute there; nothing else runs float8 weights.
    if (m.export?.dtype === 'fp8' && m.export.compute !== 'fp16')
      issue(['export', 'compute'], 'fp8 weights compute in fp16 (compute "fp16")');
    const norm = m.vae.normalization;
    if (
      norm.kind === 'affine' &&
      (norm.mean.length !== m.latent.channels || norm.std.length !== m.latent.channels)
    )
      issue(['vae', 'normalization'], `mean and std need ${m.latent.channels} values`);
  });
export type ModelManifest = z.infer<typeof ModelManifestSchema>;
export type ModelManifestInput = z.input<typeof ModelManifestSchema>;
export type ModelVariant = ModelManifest['variant'];

/** Parses manifest JSON, returning one readable line per problem (path: message). */
export function parseManifest(
  json: unknown,
): { ok: true; manifest: ModelManifest } | { ok: false; problems: string[] } {
  const result = ModelManifestSchema.safeParse(json);
  if (result.success) return { ok: true, manifest: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`),
  };
}
