// The bookkeeping both queues share: the jobs they know, listing, adopting and forgetting finished ones.
import { EventEmitter } from 'node:events';
import type { JobQueueEvents } from './job-events';
import type { JobRecord } from './job-record';

export abstract class JobBook extends EventEmitter<JobQueueEvents> {
  protected readonly jobs = new Map<string, JobRecord>();

  /** Files a job as waiting, with zero progress; the queue then sends it on its way. */
  protected record(job: JobRecord): void {
    job.status = 'queued';
    job.progress = { phase: 'queued', step: 0, total: job.frames, fraction: 0, etaSeconds: null };
    this.jobs.set(job.jobId, job);
  }

  /** Takes in a finished job (from the store) so it is listed, without running it. */
  adopt(job: JobRecord): void {
    this.jobs.set(job.jobId, job);
  }

  /** Forgets the oldest finished jobs beyond `keep`, so memory stays bounded on a long-running daemon. */
  forgetFinished(keep: number): string[] {
    const finished = [...this.jobs.values()].filter((j) => j.status !== 'queued' && j.status !== 'running');
    const forgotten = finished.slice(0, Math.max(0, finished.length - keep)).map((job) => job.jobId);
    for (const jobId of forgotten) this.jobs.delete(jobId);
    return forgotten;
  }

  get(jobId: string): JobRecord | undefined {
    return this.jobs.get(jobId);
  }

  list(ownerId?: string): JobRecord[] {
    const all = [...this.jobs.values()];
    return ownerId === undefined ? all : all.filter((j) => j.ownerId === ownerId);
  }
}
