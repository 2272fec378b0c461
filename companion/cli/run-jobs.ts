// Runs jobs through the same Companion the daemon uses and waits for them, printing progress.
import type { Companion } from '../companion';
import type { JobRecord } from '../queue/job-record';

export interface BatchResult {
  done: JobRecord[];
  failed: JobRecord[];
}

export function waitForJobs(
  companion: Companion,
  jobs: JobRecord[],
  print: (line: string) => void,
): Promise<BatchResult> {
  const pending = new Set(jobs.map((j) => j.jobId));
  const result: BatchResult = { done: [], failed: [] };
  return new Promise((resolve) => {
    const settle = (job: JobRecord, ok: boolean) => {
      if (!pending.delete(job.jobId)) return;
      (ok ? result.done : result.failed).push(job);
      print(
        ok
          ? `done    ${job.shot.shotId} take ${job.take} -> ${job.output?.path}`
          : `failed  ${job.shot.shotId} take ${job.take}: ${job.error?.message}`,
      );
      if (pending.size === 0) {
        companion.queue.off('done', onDone).off('failed', onFailed);
        resolve(result);
      }
    };
    const onDone = (job: JobRecord) => settle(job, true);
    const onFailed = (job: JobRecord) => settle(job, false);
    companion.queue.on('done', onDone).on('failed', onFailed);
  });
}
