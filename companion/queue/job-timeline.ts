// One structured log line per job phase (queued, started, backend, conform, encode, committed, done or
// failed, then placed or place-failed as the panel reports it), each with the job id and its durations,
// so the daemon's log reads as a timeline of work.
import type { TakePhaseReport } from '../pipeline/take-phases';
import type { JobDispatcher } from './job-events';
import type { JobRecord } from './job-record';

/** The two levels the timeline writes; a pino logger is one. */
export interface JobLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

const PHASE_MESSAGES: Record<TakePhaseReport['phase'], string> = {
  backend: 'backend handed over its media',
  conform: 'conform planned',
  encode: 'clip encoded',
  committed: 'clip committed',
};

const since = (from: Date | undefined) => (from ? Date.now() - from.getTime() : undefined);

export class JobTimeline {
  constructor(private readonly log: JobLog) {}

  /** Logs the queue's own phases from its events. */
  follow(queue: JobDispatcher): void {
    queue.on('started', (job) =>
      this.log.info({ ...this.about(job), phase: 'started', waitedMs: since(job.createdAt) }, 'job started'),
    );
    queue.on('done', (job) =>
      this.log.info(
        { ...this.about(job), phase: 'done', ms: since(job.startedAt), totalMs: since(job.createdAt) },
        'job done',
      ),
    );
    queue.on('failed', (job) =>
      this.log.warn(
        {
          ...this.about(job),
          phase: 'failed',
          status: job.status,
          code: job.error?.code,
          ms: since(job.startedAt),
          totalMs: since(job.createdAt),
        },
        job.error?.message ?? 'job failed',
      ),
    );
  }

  queued(job: JobRecord, restored = false): void {
    this.log.info(
      {
        ...this.about(job),
        phase: 'queued',
        shot: job.shot.shotId,
        take: job.take,
        frames: job.frames,
        ...(restored && { restored }),
      },
      'job queued',
    );
  }

  /** What the panel said about putting the clip on the timeline: the timeline's last line for the job. */
  placement(job: JobRecord, outcome: { placed: boolean; message?: string }): void {
    const fields = {
      ...this.about(job),
      phase: outcome.placed ? 'placed' : 'place-failed',
      totalMs: since(job.createdAt),
    };
    if (outcome.placed) this.log.info(fields, 'clip placed on the timeline');
    else this.log.warn(fields, outcome.message ?? 'the panel could not place the clip');
  }

  /** The pipeline's phases of one job, for `TakeMedia.onPhase`. */
  phasesOf(job: JobRecord): (report: TakePhaseReport) => void {
    return (report) => this.log.info({ ...this.about(job), ...report }, PHASE_MESSAGES[report.phase]);
  }

  private about(job: JobRecord) {
    return { job: job.jobId, backend: job.shot.backend };
  }
}
