// Companion + daemon for remote-backend tests: a logger we can read, and waiting for a job to end.
import type { Logger } from 'pino';
import type { Companion, CompanionOptions } from '../../companion/companion';
import type { JobRecord } from '../../companion/queue/job-record';
import { ShotlineError } from '../../shared/protocol';
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

/** The coded error a promise rejects with; fails the test if it resolves or throws anything else. */
export async function failure(promise: Promise<unknown>): Promise<ShotlineError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  // No jest globals here: test/support is also built for the benchmarks.
  if (!(err instanceof ShotlineError)) throw new Error(`expected a ShotlineError, got ${String(err)}`);
  return err;
}

export async function waitFor(test: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > until) throw new Error('waitFor: timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}
