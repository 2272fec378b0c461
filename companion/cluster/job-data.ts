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
import type { JobRecord } from '../queue/job-record';

export const ClusterJobDataSchema = z.object({
  jobId: z.string(),
  ownerId: z.string(),
  shot: ShotRequestSchema,
  take: z.number().int().min(1),
  seed: z.number().int(),
  frames: z.number().int().positive(),
  outPath: z.string(),
  createdAt: z.string(),
  policyWarnings: z.array(z.string()).optional(),
  checkpoint: z.record(z.string(), z.unknown()).optional(),
});
export type ClusterJobData = z.infer<typeof ClusterJobDataSchema>;

export const ClusterJobResultSchema = z.object({ output: JobOutputSchema, provenance: ProvenanceSchema });
export type ClusterJobResult = z.infer<typeof ClusterJobResultSchema>;

/** A worker's progress; every few steps it also carries the take's latest preview (BullMQ has one progress slot). */
export const ClusterProgressSchema = JobProgressSchema.extend({ preview: JobPreviewSchema.optional() });

export function toJobData(job: JobRecord): ClusterJobData {
  return {
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

export function fromJobData(data: ClusterJobData): JobRecord {
  return { ...data, status: 'running', createdAt: new Date(data.createdAt) };
}

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
