// Durable job state: the interface the queue writes through, so a killed daemon loses nothing.
import type { JobRecord } from '../queue/job-record';

/** A stored row that could not be read back: set aside so the rest restore. */
export interface QuarantinedRow {
  jobId: string;
  reason: string;
}

export interface JobStore {
  /** Writes the job's whole current state; called on every state change that matters after a crash. */
  save(job: JobRecord): void;
  /** Writes all or none of them (one request's takes). */
  saveAll(jobs: readonly JobRecord[]): void;
  load(): JobRecord[];
  /** Rows the last load() had to set aside. */
  readonly quarantined: readonly QuarantinedRow[];
  /** Drops finished jobs beyond the newest `keep`, so the table stays bounded over months of use. */
  prune(keep: number): number;
  close(): void;
}

/** For the CLI and tests: remembers nothing across runs. */
export class MemoryJobStore implements JobStore {
  private readonly jobs = new Map<string, JobRecord>();
  readonly quarantined: readonly QuarantinedRow[] = [];
  save(job: JobRecord): void {
    this.jobs.set(job.jobId, structuredClone(job));
  }
  saveAll(jobs: readonly JobRecord[]): void {
    jobs.forEach((job) => this.save(job));
  }
  load(): JobRecord[] {
    return [...this.jobs.values()].map((j) => structuredClone(j));
  }
  prune(): number {
    return 0;
  }
  close(): void {}
}
