// A GPU machine's side of a studio cluster: takes jobs for one backend and model from Redis and runs them.
import { randomUUID } from 'node:crypto';
import { freemem, hostname, totalmem } from 'node:os';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import IORedis, { type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { toWireError, type JobProgress, type WorkerInfo } from '../../shared/protocol';
import { BackendRegistry, type BackendSettings } from '../backends/registry';
import type { FitMode, RateMode } from '../media/conform-plan';
import { getEncoder } from '../media/encoders';
import { runTake } from '../pipeline/run-take';
import { wirePreview } from '../queue/job-record';
import { ProgressMeter } from '../queue/progress-meter';
import { ClusterJobDataSchema, encodeFailure, fromJobData, type ClusterJobResult } from './job-data';
import { CANCEL_CHANNEL, DEFAULT_MODEL, QUEUE_PREFIX, queueNameFor, WORKER_KEY_PREFIX } from './routing';

export interface ClusterWorkerOptions {
  redis: RedisOptions;
  backend: string;
  model?: string;
  concurrency?: number;
  backendSettings?: BackendSettings;
  codec?: string;
  fit?: FitMode;
  rateMode?: RateMode;
  burnInLabel?: boolean;
  log: Logger;
  /** How long a job's lock lives without renewal: a killed worker's job is picked up again after this. */
  lockMs?: number;
  heartbeatMs?: number;
}

export class ClusterWorker {
  readonly id = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly registry: BackendRegistry;
  private readonly worker: Worker;
  private readonly subscriber: IORedis;
  private readonly commands: IORedis;
  private readonly model: string;
  private heartbeat?: NodeJS.Timeout;

  constructor(private readonly options: ClusterWorkerOptions) {
    this.model = options.model ?? DEFAULT_MODEL;
    this.registry = new BackendRegistry([options.backend], options.backendSettings);
    const backend = this.registry.get(options.backend)!;
    const info = backend.info();
    if (!info.available)
      throw new Error(`backend ${options.backend} is not available: ${info.reason ?? 'not ready'}`);
    const encoder = getEncoder(options.codec ?? 'h264');
    const media = {
      encoder,
      fit: options.fit ?? 'fit',
      rateMode: options.rateMode ?? 'duplicate',
      burnInLabel: options.burnInLabel ?? true,
    } as const;
    const lockDuration = options.lockMs ?? 30_000;
    this.worker = new Worker(
      queueNameFor(options.backend, this.model),
      (job, _token, signal) => this.process(job, signal!, backend, media),
      {
        connection: options.redis,
        prefix: QUEUE_PREFIX,
        concurrency: options.concurrency ?? 1,
        lockDuration,
        stalledInterval: Math.max(1000, Math.floor(lockDuration / 2)),
        maxStalledCount: 3,
      },
    );
    this.worker.on('error', (err) => options.log.warn({ err: err.message }, 'worker error'));
    this.commands = new IORedis(options.redis);
    this.commands.on('error', () => undefined);
    this.subscriber = new IORedis(options.redis);
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (_channel, message: string) => {
      try {
        const { jobId, reason } = JSON.parse(message) as { jobId: string; reason?: string };
        if (this.worker.cancelJob(jobId, reason))
          options.log.info({ jobId }, 'job cancelled by the coordinator');
      } catch {
        // Not ours to read.
      }
    });
  }

  async start(): Promise<void> {
    await this.subscriber.subscribe(CANCEL_CHANNEL);
    await this.worker.waitUntilReady();
    await this.beat();
    this.heartbeat = setInterval(() => void this.beat(), this.options.heartbeatMs ?? 5000);
  }

  private info(): WorkerInfo {
    const backendInfo = this.registry.get(this.options.backend)!.info();
    return {
      id: this.id,
      host: hostname(),
      backend: this.options.backend,
      model: this.model,
      concurrency: this.options.concurrency ?? 1,
      active: this.active,
      freeMemoryBytes: freemem(),
      totalMemoryBytes: totalmem(),
      device: backendInfo.label,
      seenAt: new Date().toISOString(),
    };
  }

  private active = 0;

  private async beat(): Promise<void> {
    const ttl = Math.ceil(((this.options.heartbeatMs ?? 5000) * 3) / 1000);
    await this.commands
      .set(`${WORKER_KEY_PREFIX}${this.id}`, JSON.stringify(this.info()), 'EX', ttl)
      .catch(() => undefined);
  }

  private async process(
    job: Job,
    signal: AbortSignal,
    backend: NonNullable<ReturnType<BackendRegistry['get']>>,
    media: Parameters<typeof runTake>[2],
  ): Promise<ClusterJobResult> {
    const data = ClusterJobDataSchema.parse(job.data);
    const record = fromJobData(data);
    const meter = new ProgressMeter(Date.now());
    let last: JobProgress | undefined;
    this.active++;
    try {
      const result = await runTake(
        record,
        backend,
        media,
        signal,
        ({ phase, step, total }) => {
          const progress = meter.next(phase, step, total);
          if (!progress) return;
          last = progress;
          void job.updateProgress(progress).catch(() => undefined);
        },
        {
          read: () => record.checkpoint,
          // A remote task id lives in the job itself, so whichever worker resumes it after a crash finds it.
          write: (checkpoint) => {
            record.checkpoint = { ...checkpoint };
            void job.updateData({ ...data, checkpoint: record.checkpoint }).catch(() => undefined);
          },
        },
        (p) => {
          // The preview rides with the latest progress to the coordinator, which passes it to the panel.
          const preview = wirePreview(p);
          if (preview && last) void job.updateProgress({ ...last, preview }).catch(() => undefined);
        },
      );
      return { output: result.output, provenance: result.provenance };
    } catch (err) {
      const wire = signal.aborted
        ? { code: 'JOB_CANCELLED' as const, message: 'The job was cancelled while running.' }
        : toWireError(err, `job ${record.jobId}`);
      throw new UnrecoverableError(encodeFailure(wire));
    } finally {
      this.active--;
    }
  }

  /** Finishes the jobs in hand (unless forced), then leaves the cluster. */
  async stop(force = false): Promise<void> {
    clearInterval(this.heartbeat);
    await this.worker.close(force);
    await this.commands.del(`${WORKER_KEY_PREFIX}${this.id}`).catch(() => undefined);
    this.subscriber.disconnect();
    this.commands.disconnect();
    await this.registry.dispose();
  }
}
