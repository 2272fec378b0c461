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
});
export type JobOutput = z.infer<typeof JobOutputSchema>;

export const JobProgressSchema = z.object({
  phase: JobPhaseSchema,
  step: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  fraction: z.number().min(0).max(1),
  etaSeconds: z.number().nonnegative().nullable(),
});
export type JobProgress = z.infer<typeof JobProgressSchema>;

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
