// What the panel asks for: one shot to generate, with its takes, size, rate and length.
import { z } from 'zod';
import { ConditioningModeSchema, ConditioningSchema } from './conditioning';
import { ClipDurationSchema, FrameRateSchema, FrameSizeSchema } from './media';
import { QUALITIES } from '../model-bundle/draft-preset';

export const BackendNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, 'backend names are lower-case words like "slate" or "onnx"');

export const ShotRequestSchema = z.object({
  /** The panel's id for the shot (e.g. "S1-03"); takes of one shot share it. */
  shotId: z.string().min(1).max(64),
  /** Compiled prompt text the model receives. */
  prompt: z.string().min(1).max(4000),
  negativePrompt: z.string().max(4000).optional(),
  /** Scene heading the line belongs to, shown on slates and kept in provenance. */
  sceneHeading: z.string().max(400).optional(),
  /** The script line the shot came from, verbatim, and where it was. */
  sourceText: z.string().max(4000).optional(),
  sourceLine: z.number().int().positive().optional(),
  duration: ClipDurationSchema,
  fps: FrameRateSchema,
  size: FrameSizeSchema,
  /** First take's seed; take k uses seed + k. Omitted: a random seed, recorded in provenance. */
  seed: z.number().int().min(0).max(2147483647).optional(),
  backend: BackendNameSchema,
  takes: z.number().int().min(1).max(16).default(1),
  /** Model within the backend (e.g. "wan22-ti2v-5b"); on a studio cluster it picks the workers that run it. */
  model: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'model ids are letters, digits, ".", "_" or "-"')
    .optional(),
  /** Interactive (the default) shots go before batch renders on a shared cluster. */
  priority: z.enum(['interactive', 'batch']).optional(),
  /** Project the shot belongs to; picks the project's content policy. */
  project: z.string().min(1).max(128).optional(),
  /** What sets this take apart, e.g. "coat colour: blue · seed 7"; shown with the job. */
  label: z.string().min(1).max(200).optional(),
  /** Take number of the first take: variants sent as separate shots keep counting one shot's takes. */
  firstTake: z.number().int().min(1).max(10000).optional(),
  /** `draft`: the bundle's 4-step distilled model (local Wan), to iterate on; `final` (the default): full quality. */
  quality: z.enum(QUALITIES).optional(),
  /** Images the shot starts (and ends) on: extend a clip, bridge a gap, animate a storyboard frame. */
  conditioning: ConditioningSchema.optional(),
});
export type ShotRequest = z.infer<typeof ShotRequestSchema>;
export type ShotRequestInput = z.input<typeof ShotRequestSchema>;

export const BackendInfoSchema = z.object({
  name: BackendNameSchema,
  label: z.string(),
  /** Whether the backend is ready to take work (a missing model or key makes it unavailable). */
  available: z.boolean(),
  reason: z.string().optional(),
  capabilities: z.object({
    sizes: z.array(FrameSizeSchema).describe('Native sizes; empty means any size up to maxSize.'),
    maxSize: FrameSizeSchema,
    fps: z.array(FrameRateSchema).describe('Native frame rates; empty means any rate.'),
    maxDurationSeconds: z.number().positive(),
    concurrency: z.number().int().positive(),
    /** Conditioning modes it runs; a flf2v request to an i2v-only backend falls back to i2v (and says so). */
    conditioning: z.array(ConditioningModeSchema).optional(),
  }),
});
export type BackendInfo = z.infer<typeof BackendInfoSchema>;
