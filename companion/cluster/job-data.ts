// What travels through Redis for one take: the job going to a worker, and the result coming back.
import { z } from 'zod';
import {
  JobOutputSchema,
  JobPreviewSchema,
  JobProgressSchema,
  ProvenanceSchema,
  ShotRequestSchema,
  WireErrorSchema,
  type WireError,
} from '../../shared/protocol';
import { encoders, type EncoderName } from '../media/encoders';
import type { JobRecord } from '../queue/job-record';
import { ShippedConditioningSchema, type ShippedConditioning } from './shipped-images';

const CodecSchema = z.enum(Object.keys(encoders) as [EncoderName, ...EncoderName[]]);

/** A codec flag's value as the job carries it (commander already limited it to the encoders' names). */
export function codecFor(name: string): ClusterJobData['codec'] {
  return CodecSchema.parse(name);
}

export const ClusterJobDataSchema = z.object({
  jobId: z.string(),
  ownerId: z.string(),
  shot: ShotRequestSchema,
  take: z.number().int().min(1),
  seed: z.number().int(),
  frames: z.number().int().positive(),
  outPath: z.string(),
  /** The coordinator's codec: it named the file (.mp4 or .mov), so the worker encodes with this one. */
  codec: CodecSchema,
  createdAt: z.string(),
  policyWarnings: z.array(z.string()).optional(),
  checkpoint: z.record(z.string(), z.unknown()).optional(),
  /** The coordinator's frames for a shot that starts (or ends) on images: workers read no media of their own. */
  conditioning: ShippedConditioningSchema.optional(),
});
export type ClusterJobData = z.infer<typeof ClusterJobDataSchema>;

export const ClusterJobResultSchema = z.object({ output: JobOutputSchema, provenance: ProvenanceSchema });
export type ClusterJobResult = z.infer<typeof ClusterJobResultSchema>;

/** A worker's progress; every few steps it also carries the take's latest preview (BullMQ has one progress slot). */
export const ClusterProgressSchema = JobProgressSchema.extend({ preview: JobPreviewSchema.optional() });

export function toJobData(
  job: JobRecord,
  codec: ClusterJobData['codec'],
  conditioning?: ShippedConditioning,
): ClusterJobData {
  return {
    codec,
    ...(conditioning && { conditioning }),
    jobId: job.jobId,
    ownerId: job.ownerId,
    shot: job.shot,
    take: job.take,
    seed: job.seed,
    frames: job.frames,
    outPath: job.outPath,
    createdAt: job.createdAt.toISOString(),
    ...(job.policyWarnings && { policyWarnings: job.policyWarnings }),
    ...(job.checkpoint && { checkpoint: job.checkpoint }),
  };
}

export function fromJobData({ codec: _codec, conditioning: _images, ...data }: ClusterJobData): JobRecord {
  return { ...data, status: 'running', createdAt: new Date(data.createdAt) };
}

/**
 * Failures a later attempt can cure, so BullMQ retries them: a clip removed under the worker, a shared mount
 * that hiccupped, a remote service briefly away. Everything else fails the job at once.
 */
const RETRYABLE = new Set<WireError['code']>(['OUTPUT_MISSING', 'OUTPUT_WRITE_FAILED', 'REMOTE_UNREACHABLE']);

export function isRetryable(error: WireError): boolean {
  return RETRYABLE.has(error.code);
}

/** Attempts per job and the pause between them (BullMQ's `attempts` and `backoff`). */
export const JOB_ATTEMPTS = 3;
export const RETRY_BACKOFF = { type: 'exponential', delay: 1000 } as const;

/** Failures cross Redis as the failedReason string: a wire error in JSON, so the code survives. */
export function encodeFailure(error: WireError): string {
  return JSON.stringify(error);
}

export function decodeFailure(reason: string | undefined): WireError {
  try {
    return WireErrorSchema.parse(JSON.parse(reason ?? ''));
  } catch {
    return { code: 'BACKEND_FAILED', message: `A worker failed the job: ${reason ?? 'no reason given'}` };
  }
}
