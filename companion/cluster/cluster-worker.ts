// A GPU machine's side of a studio cluster: takes jobs for one backend and model from Redis and runs them.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { freemem, hostname, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
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
import { readCommittedTake } from '../pipeline/committed-take';
import {
  ClusterJobDataSchema,
  encodeFailure,
  fromJobData,
  isRetryable,
  type ClusterJobResult,
} from './job-data';
import { unpackConditioning } from './shipped-images';
import { CANCEL_CHANNEL, DEFAULT_MODEL, QUEUE_PREFIX, queueNameFor, WORKER_KEY_PREFIX } from './routing';

/** The abort reason of a run whose lock went to another worker. */
const LOCK_LOST = 'lock lost';

class LockLostError extends Error {
  constructor(jobId: string, options?: ErrorOptions) {
    super(`job ${jobId}: this worker lost its lock; the clip was not committed`, options);
  }
}

export interface ClusterWorkerOptions {
  redis: RedisOptions;
  backend: string;
  model?: string;
  concurrency?: number;
  backendSettings?: BackendSettings;
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
  private readonly lockDuration: number;

  constructor(private readonly options: ClusterWorkerOptions) {
    this.model = options.model ?? DEFAULT_MODEL;
    this.registry = new BackendRegistry([options.backend], options.backendSettings);
    const backend = this.registry.get(options.backend)!;
    const info = backend.info();
    if (!info.available)
      throw new Error(`backend ${options.backend} is not available: ${info.reason ?? 'not ready'}`);
    this.lockDuration = options.lockMs ?? 30_000;
    const lockDuration = this.lockDuration;
    this.worker = new Worker(
      queueNameFor(options.backend, this.model),
      (job, token, signal) => this.process(job, token!, signal!, backend),
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
    // Paused past the lock (GC, SIGSTOP, a network stall): the job is someone else's now. Stop its run.
    this.worker.on('lockRenewalFailed', (jobIds) => {
      for (const jobId of jobIds) {
        options.log.warn({ jobId }, 'lost the lock of a job; abandoning it to the worker that has it now');
        this.worker.cancelJob(jobId, LOCK_LOST);
      }
    });
    this.commands = new IORedis(options.redis);
    this.commands.on('error', () => undefined);
    // Back at once after Redis restarts empty: coordinators refuse shots for queues nobody seems to serve.
    this.commands.on('ready', () => void this.beat());
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
    token: string,
    signal: AbortSignal,
    backend: NonNullable<ReturnType<BackendRegistry['get']>>,
  ): Promise<ClusterJobResult> {
    const data = ClusterJobDataSchema.parse(job.data);
    const record = fromJobData(data);
    // An earlier attempt that committed but could not report (lost lock, Redis gone) is not run again.
    const committed = await readCommittedTake(record);
    if (committed) return committed;
    const media = {
      encoder: getEncoder(data.codec),
      fit: this.options.fit ?? 'fit',
      rateMode: this.options.rateMode ?? 'duplicate',
      burnInLabel: this.options.burnInLabel ?? true,
      // The clip moves into place only while this worker still holds the job's lock.
      commitGuard: async () => {
        const held = await job.extendLock(token, this.lockDuration).catch(() => 0);
        if (held !== 1) throw new LockLostError(record.jobId);
      },
    };
    const meter = new ProgressMeter(Date.now());
    let last: JobProgress | undefined;
    this.active++;
    // Named like the pipeline's work folders, so a start after a crash clears a dead worker's leftovers.
    const imagesDir =
      data.conditioning && (await mkdtemp(join(tmpdir(), `shotline-job-${process.pid}-images-`)));
    try {
      const preparedConditioning =
        data.conditioning &&
        imagesDir &&
        (await unpackConditioning(data.conditioning, imagesDir, record.jobId));
      const result = await runTake(
        { ...record, ...(preparedConditioning && { preparedConditioning }) },
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
      // Not ours any more: nothing to report (BullMQ refuses a stale token's result anyway).
      if (err instanceof LockLostError || signal.reason === LOCK_LOST) {
        this.options.log.warn({ jobId: record.jobId }, 'lost the job lock: its clip was not committed');
        throw err instanceof LockLostError ? err : new LockLostError(record.jobId, { cause: err });
      }
      const wire = signal.aborted
        ? { code: 'JOB_CANCELLED' as const, message: 'The job was cancelled while running.' }
        : toWireError(err, `job ${record.jobId}`);
      if (isRetryable(wire)) throw new Error(encodeFailure(wire), { cause: err });
      throw new UnrecoverableError(encodeFailure(wire));
    } finally {
      this.active--;
      if (imagesDir) await rm(imagesDir, { recursive: true, force: true });
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
