// "Promote to final": the shot that re-renders a finished draft take at full quality, same seed, same prompt.
import { ShotlineError, type ShotRequest } from '../../shared/protocol';
import type { JobRecord } from './job-record';

export function finalShotFor(job: JobRecord): ShotRequest {
  if ((job.shot.quality ?? 'final') !== 'draft')
    throw new ShotlineError(
      'INVALID_SHOT',
      `Job ${job.jobId} is already a final-quality take: nothing to promote.`,
      { params: { jobId: job.jobId, case: 'alreadyFinal' } },
    );
  if (job.status !== 'done')
    throw new ShotlineError(
      'INVALID_SHOT',
      `Job ${job.jobId} is ${job.status}: only a finished draft can be rendered at final quality.`,
      { params: { jobId: job.jobId, status: job.status, case: 'notDraft' } },
    );
  const label = `${job.shot.label ?? `take ${job.take}`} · final`;
  // One take, numbered like the draft's, from the draft's own seed (not the shot's first seed).
  return {
    ...job.shot,
    quality: 'final',
    seed: job.seed,
    takes: 1,
    firstTake: job.take,
    label: label.length <= 200 ? label : label.slice(0, 200),
  };
}
