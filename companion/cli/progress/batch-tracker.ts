// Follows a batch's jobs on the queue and turns them into progress events with an overall fraction and ETA.
import type { JobDispatcher } from '../../queue/job-queue';
import type { JobRecord } from '../../queue/job-record';
import type { ProgressEvent } from './progress-event';

export function trackBatch(
  queue: JobDispatcher,
  jobs: readonly JobRecord[],
  emit: (event: ProgressEvent) => void,
  now: () => number = Date.now,
): () => void {
  const ids = new Set(jobs.map((job) => job.jobId));
  const fractions = new Map<string, number>();
  const startedAt = now();
  const overall = () => {
    let sum = 0;
    for (const f of fractions.values()) sum += f;
    const fraction = sum / Math.max(1, ids.size);
    const elapsed = (now() - startedAt) / 1000;
    // Like the per-job meter: no guess until a little is done, so the first figure is not wild.
    const etaSeconds = fraction > 0.02 ? Math.max(0, (elapsed * (1 - fraction)) / fraction) : null;
    return { fraction, etaSeconds };
  };
  const ref = (job: JobRecord) => ({ shotId: job.shot.shotId, take: job.take });
  const mine = (job: JobRecord) => ids.has(job.jobId);
  const onStarted = (job: JobRecord) => {
    if (mine(job)) emit({ event: 'clip.start', ...ref(job) });
  };
  const onProgress = (job: JobRecord) => {
    if (!mine(job) || !job.progress) return;
    fractions.set(job.jobId, job.progress.fraction);
    const { phase, fraction, etaSeconds } = job.progress;
    emit({ event: 'clip.progress', ...ref(job), phase, fraction, etaSeconds, overall: overall() });
  };
  const onDone = (job: JobRecord) => {
    if (!mine(job)) return;
    fractions.set(job.jobId, 1);
    const seconds = job.startedAt ? (now() - job.startedAt.getTime()) / 1000 : 0;
    emit({ event: 'clip.done', ...ref(job), path: job.output?.path ?? job.outPath, seconds });
  };
  const onFailed = (job: JobRecord) => {
    if (!mine(job)) return;
    // A failed clip is finished too: the overall bar must still reach the end.
    fractions.set(job.jobId, 1);
    const { code, message } = job.error ?? { code: 'BACKEND_FAILED', message: 'failed' };
    emit({ event: 'clip.failed', ...ref(job), code, message });
  };
  queue.on('started', onStarted).on('progress', onProgress).on('done', onDone).on('failed', onFailed);
  return () => {
    queue.off('started', onStarted).off('progress', onProgress).off('done', onDone).off('failed', onFailed);
  };
}
