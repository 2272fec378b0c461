// Companion + daemon for remote-backend tests: a logger we can read, and waiting for a job to end.
import type { Logger } from 'pino';
import type { Companion, CompanionOptions } from '../../companion/companion';
import type { JobRecord } from '../../companion/queue/job-record';
import { startCompanion, type RunningCompanion } from './companion-harness';

/** A companion whose log the test reads (to prove secrets never reach it). */
export function startLoggedCompanion(
  options: Partial<CompanionOptions>,
  log: Logger,
): Promise<RunningCompanion> {
  return startCompanion(options, { log });
}

/** Resolves when the job is done, failed or cancelled. */
export function settled(companion: Companion, jobId: string): Promise<JobRecord> {
  return new Promise((resolve) => {
    const check = (job: JobRecord) => {
      if (job.jobId !== jobId) return;
      companion.queue.off('done', check);
      companion.queue.off('failed', check);
      resolve(job);
    };
    companion.queue.on('done', check);
    companion.queue.on('failed', check);
  });
}

/** Resolves with the job's first checkpoint (the remote task or prompt id). */
export function firstCheckpoint(companion: Companion, jobId: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const check = (job: JobRecord) => {
      if (job.jobId !== jobId || !job.checkpoint) return;
      companion.queue.off('checkpoint', check);
      resolve({ ...job.checkpoint });
    };
    companion.queue.on('checkpoint', check);
  });
}
