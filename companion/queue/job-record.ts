// A job as the companion tracks it, and its summary for the wire.
import type {
  JobProgress,
  JobStatus,
  JobSummary,
  Provenance,
  ShotRequest,
  WireError,
  JobOutput,
} from '../../shared/protocol';

export interface JobRecord {
  jobId: string;
  /** Connection (or CLI run) that asked for it; its events go there. */
  ownerId: string;
  shot: ShotRequest;
  take: number;
  seed: number;
  frames: number;
  outPath: string;
  policyWarnings?: string[];
  /** Backend notes that let a restarted job resume (see JobCheckpoint). */
  checkpoint?: Record<string, unknown>;
  status: JobStatus;
  createdAt: Date;
  startedAt?: Date;
  progress?: JobProgress;
  output?: JobOutput;
  provenance?: Provenance;
  error?: WireError;
}

export function summarize(job: JobRecord): JobSummary {
  return {
    jobId: job.jobId,
    shotId: job.shot.shotId,
    take: job.take,
    ...(job.shot.label && { label: job.shot.label }),
    backend: job.shot.backend,
    status: job.status,
    ...(job.progress && { progress: job.progress }),
    ...(job.output && { output: job.output }),
    ...(job.error && { error: job.error }),
  };
}
