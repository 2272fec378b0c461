// export-wan's report (what tools/wan-export/export_wan.py wrote) -> the bundle's shotline-model.json.
import { z } from 'zod';
import {
  ComputeDTypeSchema,
  ImageConditioningSchema,
  ModelManifestSchema,
  StoredDTypeSchema,
  wanManifest,
  type ModelManifest,
  type ModelVariant,
} from '../../../shared/model-bundle';

const GraphSchema = z.object({ file: z.string().min(1), externalData: z.array(z.string().min(1)) });

/** The JSON export_wan.py prints on stdout; parsed, never trusted. */
export const ExportReportSchema = z.object({
  variant: ModelManifestSchema.shape.variant,
  dtype: StoredDTypeSchema,
  compute: ComputeDTypeSchema,
  opset: z.number().int().positive(),
  checkedFor: z.array(z.string().min(1)),
  experts: z
    .array(
      GraphSchema.extend({
        id: z.enum(['high_noise', 'low_noise', 'dense']),
        minTimestep: z.number().int(),
        guidance: z.number(),
      }),
    )
    .min(1),
  latentChannels: z.number().int().positive(),
  textLength: z.number().int().positive(),
  textDim: z.number().int().positive(),
  patch: z.tuple([z.number().int(), z.number().int(), z.number().int()]),
  textEncoder: GraphSchema,
  vae: z.object({
    cacheCount: z.number().int().min(0),
    spatialStride: z.number().int().positive(),
    init: GraphSchema,
    step: GraphSchema,
  }),
  tokenizer: z.string().min(1),
  /** The image-conditioned variants: how the experts take the image, and the streaming encoder written. */
  image: z.union(ImageConditioningSchema.options.map((o) => o.shape.kind)).optional(),
  /** Set for layouts whose experts also take Wan2.1's first-and-last-frame y (checkpoints.py); absent: off. */
  firstLastFrame: z.boolean().optional(),
  vaeEncoder: z
    .object({ cacheCount: z.number().int().min(0), init: GraphSchema, step: GraphSchema })
    .optional(),
});
export type ExportReport = z.infer<typeof ExportReportSchema>;

const graph = (g: z.infer<typeof GraphSchema>) => ({ file: g.file, externalData: g.externalData });

/** The variant's documented sampling (steps, shift, sizes, fps) with the graphs and sizes the export wrote. */
export function manifestFromReport(report: ExportReport, name: string): ModelManifest {
  const variant: ModelVariant = report.variant;
  const base = wanManifest(variant, {
    name,
    dims: {
      latentChannels: report.latentChannels,
      spatialStride: report.vae.spatialStride,
      textDim: report.textDim,
      textLength: report.textLength,
      cacheCount: report.vae.cacheCount,
      ...(report.vaeEncoder && { encoderCacheCount: report.vaeEncoder.cacheCount }),
    },
    image: report.image !== undefined && report.vaeEncoder !== undefined,
    firstLastFrame: report.firstLastFrame === true,
  });
  const { init, step } = report.vae;
  const C = report.latentChannels;
  const frame = (frames: number) => ({
    name: 'video_frames',
    dtype: 'float32' as const,
    shape: [1, 3, frames, 'H', 'W'],
  });
  const latent = { name: 'latent_frame', dtype: 'float32' as const, shape: [1, C, 1, 'h', 'w'] };
  return ModelManifestSchema.parse({
    ...base,
    source: undefined,
    license: undefined,
    tokenizer: { ...base.tokenizer, file: report.tokenizer },
    textEncoder: { ...base.textEncoder, ...graph(report.textEncoder) },
    transformer: {
      ...base.transformer,
      patch: report.patch,
      experts: report.experts.map((e) => ({
        id: e.id,
        ...graph(e),
        minTimestep: e.minTimestep,
        guidance: e.guidance,
      })),
    },
    // Both Wan VAEs export as init + step graphs (the 5B's too: one graph per frame keeps memory flat).
    vae: {
      kind: 'streaming',
      init: { ...graph(init), latent, video: frame(1) },
      step: { ...graph(step), latent, video: frame(4) },
      cache: { count: report.vae.cacheCount, inputPrefix: 'c', outputPrefix: 'nc' },
      normalization: { kind: 'in-graph' },
    },
    ...(base.vaeEncoder &&
      report.vaeEncoder && {
        vaeEncoder: {
          ...base.vaeEncoder,
          init: { ...base.vaeEncoder.init, ...graph(report.vaeEncoder.init) },
          step: { ...base.vaeEncoder.step, ...graph(report.vaeEncoder.step) },
        },
      }),
    export: {
      tool: 'export-wan',
      dtype: report.dtype,
      compute: report.compute,
      opset: report.opset,
      checkedFor: report.checkedFor,
    },
  });
}
