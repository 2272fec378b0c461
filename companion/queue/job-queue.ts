// FIFO job queue with a concurrency lane per backend; jobs can be cancelled queued or running.
import { ShotlineError, toWireError, type JobProgress } from '../../shared/protocol';
import type { GenerationPreview } from '../backends/backend';
import type { TakeResult } from '../pipeline/run-take';
import { wirePreview, type JobRecord } from './job-record';
import { JobBook } from './job-book';
import type { JobDispatcher } from './job-events';
import { ProgressMeter } from './progress-meter';

// Kept importable from here for the modules that always took them from the queue.
export type { JobDispatcher, JobQueueEvents } from './job-events';

export type TakeRunner = (
  job: JobRecord,
  signal: AbortSignal,
  onProgress: (p: Pick<JobProgress, 'phase' | 'step' | 'total'>) => void,
  /** Absent when nobody listens for previews (CLI runs), so backends skip making them. */
  onPreview?: (p: GenerationPreview) => void,
) => Promise<TakeResult>;

interface Lane {
  waiting: JobRecord[];
  running: Map<string, AbortController>;
  concurrency: number;
}

export class JobQueue extends JobBook implements JobDispatcher {
  private readonly lanes = new Map<string, Lane>();

  constructor(
    private readonly runner: TakeRunner,
    private readonly concurrencyOf: (backend: string) => number,
  ) {
    super();
  }

  enqueue(job: JobRecord): void {
    this.record(job);
    this.lane(job.shot.backend).waiting.push(job);
    queueMicrotask(() => this.pump(job.shot.backend));
  }

  /** True when the job was queued or running and is now stopped. */
  cancel(jobId: string, reason?: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job) return false;
    const lane = this.lane(job.shot.backend);
    if (job.status === 'queued') {
      lane.waiting = lane.waiting.filter((j) => j !== job);
      this.finishFailed(
        job,
        new ShotlineError('JOB_CANCELLED', 'The job was cancelled before it started.'),
        'cancelled',
      );
      return true;
    }
    const controller = lane.running.get(jobId);
    if (job.status === 'running' && controller) {
      controller.abort(reason);
      return true;
    }
    return false;
  }

  /** Aborts everything and waits for running jobs to settle; `reason` reaches the backends' signals. */
  async close(reason?: string): Promise<void> {
    for (const job of [...this.jobs.values()]) this.cancel(job.jobId, reason);
    while ([...this.lanes.values()].some((l) => l.running.size > 0)) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private lane(backend: string): Lane {
    let lane = this.lanes.get(backend);
    if (!lane) {
      lane = { waiting: [], running: new Map(), concurrency: Math.max(1, this.concurrencyOf(backend)) };
      this.lanes.set(backend, lane);
    }
    return lane;
  }

  private pump(backend: string): void {
    const lane = this.lane(backend);
    while (lane.running.size < lane.concurrency && lane.waiting.length > 0) {
      const job = lane.waiting.shift()!;
      const controller = new AbortController();
      lane.running.set(job.jobId, controller);
      void this.run(job, controller).finally(() => {
        lane.running.delete(job.jobId);
        this.pump(backend);
      });
    }
  }

  private async run(job: JobRecord, controller: AbortController): Promise<void> {
    job.status = 'running';
    job.startedAt = new Date();
    this.emit('started', job);
    const meter = new ProgressMeter(job.startedAt.getTime());
    try {
      const result = await this.runner(
        job,
        controller.signal,
        ({ phase, step, total }) => {
          const progress = meter.next(phase, step, total);
          if (!progress || controller.signal.aborted) return;
          job.progress = progress;
          this.emit('progress', job);
        },
        this.listenerCount('preview') === 0
          ? undefined
          : (p) => {
              const preview = wirePreview(p);
              if (!preview || controller.signal.aborted) return;
              job.preview = preview;
              this.emit('preview', job);
            },
      );
      if (controller.signal.aborted) throw new ShotlineError('JOB_CANCELLED', 'The job was cancelled.');
      job.status = 'done';
      delete job.preview;
      job.output = result.output;
      job.provenance = result.provenance;
      job.progress = { phase: 'writing', step: job.frames, total: job.frames, fraction: 1, etaSeconds: 0 };
      this.emit('done', job);
    } catch (err) {
      const cancelled = controller.signal.aborted;
      const error = cancelled
        ? new ShotlineError('JOB_CANCELLED', 'The job was cancelled while running.')
        : err;
      this.finishFailed(job, error, cancelled ? 'cancelled' : 'failed');
    }
  }

  private finishFailed(job: JobRecord, err: unknown, status: 'failed' | 'cancelled'): void {
    job.status = status;
    delete job.preview;
    job.error = toWireError(err, `job ${job.jobId}`);
    if (job.error.code === 'INTERNAL_ERROR')
      job.error = { code: 'BACKEND_FAILED', message: job.error.message };
    this.emit('failed', job);
  }
}
