// Jobs as the panel sees them: phases, progress, finished outputs and their provenance.
import { z } from 'zod';
import { WireErrorSchema } from './errors';
import { FrameRateSchema } from './media';
import { BackendNameSchema } from './shot-request';

export const JobIdSchema = z.string().regex(/^job_[A-Za-z0-9_-]{6,64}$/, 'job ids look like "job_…"');

export const JobPhaseSchema = z.enum([
  'queued',
  'loading',
  'generating',
  'downloading',
  'encoding',
  'writing',
]);
export type JobPhase = z.infer<typeof JobPhaseSchema>;

export const JobStatusSchema = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);
export type JobStatus = z.infer<typeof JobStatusSchema>;

export const ProvenanceSchema = z.object({
  aiGenerated: z.literal(true),
  label: z.string(),
  prompt: z.string(),
  negativePrompt: z.string().optional(),
  seed: z.number().int(),
  backend: BackendNameSchema,
  model: z.string(),
  steps: z.number().int().nonnegative(),
  guidance: z.number().nonnegative(),
  shotId: z.string(),
  take: z.number().int().min(1),
  sceneHeading: z.string().optional(),
  sourceText: z.string().optional(),
  sourceLine: z.number().int().positive().optional(),
  /** Content-policy warnings raised for the shot. */
  policyWarnings: z.array(z.string()).optional(),
  createdAt: z.string().describe('ISO 8601 time the job was accepted'),
  finishedAt: z.string().describe('ISO 8601 time the file was written'),
  software: z.object({ name: z.literal('shotline'), version: z.string() }),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

/** Longest poster data URL accepted: a ~320 px JPEG is well under it. */
export const MAX_POSTER_DATA_URL_CHARS = 60_000;

export const PosterSchema = z.object({
  path: z.string(),
  dataUrl: z
    .string()
    .max(MAX_POSTER_DATA_URL_CHARS)
    .regex(/^data:image\/jpeg;base64,[A-Za-z0-9+/]+=*$/, 'posters are base64 JPEG data URLs')
    .optional(),
});
export type Poster = z.infer<typeof PosterSchema>;

export const JobOutputSchema = z.object({
  /** Absolute path of the finished, fully written clip. */
  path: z.string(),
  sidecarPath: z.string(),
  frames: z.number().int().positive(),
  fps: FrameRateSchema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  durationSeconds: z.number().positive(),
  codec: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /**
   * A small JPEG of the middle frame for take thumbnails: `path` beside the clip, `dataUrl` inline because
   * a browser panel cannot read local files. A job list may leave dataUrl out to stay under the size limit.
   */
  poster: PosterSchema.optional(),
});
export type JobOutput = z.infer<typeof JobOutputSchema>;

export const JobProgressSchema = z.object({
  phase: JobPhaseSchema,
  step: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  fraction: z.number().min(0).max(1),
  etaSeconds: z.number().nonnegative().nullable(),
  /** Why a queued job has not started, in words for the panel (e.g. it waits for a worker that serves it). */
  waiting: z.string().max(300).optional(),
});
export type JobProgress = z.infer<typeof JobProgressSchema>;

/** Bounds on a running job's preview: a thumbnail, far below the message size limit. */
export const PREVIEW_LIMITS = Object.freeze({ maxSide: 1024, maxBytes: 256 * 1024 });

export const PreviewMimeSchema = z.enum(['image/png', 'image/jpeg']);
export type PreviewMime = z.infer<typeof PreviewMimeSchema>;

/** A cheap image of a running job at some sampling step; each one replaces the one before. */
export const JobPreviewSchema = z.object({
  step: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  width: z.number().int().positive().max(PREVIEW_LIMITS.maxSide),
  height: z.number().int().positive().max(PREVIEW_LIMITS.maxSide),
  mime: PreviewMimeSchema,
  data: z
    .string()
    .min(4)
    .max(Math.ceil(PREVIEW_LIMITS.maxBytes / 3) * 4)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'preview data is base64')
    .describe('The image file, base64'),
});
export type JobPreview = z.infer<typeof JobPreviewSchema>;

export const JobSummarySchema = z.object({
  jobId: JobIdSchema,
  shotId: z.string(),
  take: z.number().int().min(1),
  /** The take's label from its shot request. */
  label: z.string().optional(),
  backend: BackendNameSchema,
  status: JobStatusSchema,
  progress: JobProgressSchema.optional(),
  output: JobOutputSchema.optional(),
  error: WireErrorSchema.optional(),
});
export type JobSummary = z.infer<typeof JobSummarySchema>;
