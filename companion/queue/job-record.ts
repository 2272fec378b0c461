// A job as the companion tracks it, and its summary for the wire.
import type { GenerationPreview } from '../backends/backend';
import {
  PREVIEW_LIMITS,
  type JobPreview,
  type JobProgress,
  type JobStatus,
  type JobSummary,
  type Provenance,
  type ShotRequest,
  type WireError,
  type JobOutput,
} from '../../shared/protocol';
import { pageBySize } from '../util/page-by-size';

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
  /** The latest preview while it runs: in memory only (never stored), dropped when the job ends. */
  preview?: JobPreview;
}

/** A backend's preview in wire form, or undefined when it is over the protocol's limits (previews are optional). */
export function wirePreview(p: GenerationPreview): JobPreview | undefined {
  const { maxSide, maxBytes } = PREVIEW_LIMITS;
  if (p.width > maxSide || p.height > maxSide || p.data.length > maxBytes || p.data.length === 0)
    return undefined;
  const data = Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength).toString('base64');
  return { step: p.step, total: p.total, width: p.width, height: p.height, mime: p.mime, data };
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

/** Inline poster bytes one job list may carry: well inside the 1 MiB message limit with the rest of the list. */
export const JOB_LIST_POSTER_BUDGET = 384 * 1024;

/**
 * Keeps the newest posters' data URLs within the budget and drops the rest (their paths stay): a long job
 * history must not push the reply past the message limit. A panel keeps posters it already has.
 */
export function withPosterBudget(summaries: JobSummary[], budget = JOB_LIST_POSTER_BUDGET): JobSummary[] {
  let left = budget;
  const kept = new Set<number>();
  for (let i = summaries.length - 1; i >= 0; i -= 1) {
    const size = summaries[i]?.output?.poster?.dataUrl?.length ?? 0;
    if (size > 0 && size <= left) {
      left -= size;
      kept.add(i);
    }
  }
  return summaries.map((summary, i) => {
    const poster = summary.output?.poster;
    if (!summary.output || !poster?.dataUrl || kept.has(i)) return summary;
    return { ...summary, output: { ...summary.output, poster: { path: poster.path } } };
  });
}

/** Bytes of job summaries one `jobs` page may carry: half the 1 MiB message limit, leaving room for posters. */
export const JOB_PAGE_BYTES = 512 * 1024;

/**
 * One page of a job list starting at `offset`, cut where the summaries would pass `budget` bytes (at least
 * one job per page so a list always advances); `next` is the offset of the page after, when there is one.
 */
export function pageOfJobs(
  summaries: JobSummary[],
  offset = 0,
  budget = JOB_PAGE_BYTES,
): { jobs: JobSummary[]; next?: number } {
  const { end, next } = pageBySize(summaries, offset, budget);
  const jobs = withPosterBudget(summaries.slice(offset, end));
  return next !== undefined ? { jobs, next } : { jobs };
}
