// What a queue tells the rest of the companion, in its own file so the job book and the queues share it
// without importing each other.
import type { EventEmitter } from 'node:events';
import type { WorkerInfo } from '../../shared/protocol';
import type { JobRecord } from './job-record';

export interface JobQueueEvents {
  started: [JobRecord];
  progress: [JobRecord];
  /** A new `job.preview` (the latest only; never persisted). */
  preview: [JobRecord];
  done: [JobRecord];
  failed: [JobRecord];
  /** A backend recorded resume notes; persistence listens here. */
  checkpoint: [JobRecord];
}

/** What the companion needs from a queue: the local one, or the Redis-backed one of a coordinator. */
export interface JobDispatcher extends EventEmitter<JobQueueEvents> {
  enqueue(job: JobRecord): void;
  adopt(job: JobRecord): void;
  /** Returns the ids it forgot. */
  forgetFinished(keep: number): string[];
  get(jobId: string): JobRecord | undefined;
  list(ownerId?: string): JobRecord[];
  cancel(jobId: string, reason?: string): boolean;
  close(reason?: string): Promise<void>;
  /** Workers of a studio cluster; absent when jobs run in this process. */
  workers?(): Promise<WorkerInfo[]>;
}
