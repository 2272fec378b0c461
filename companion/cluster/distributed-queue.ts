// The coordinator's queue: jobs go to BullMQ queues in Redis, workers run them, events come back in order.
import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents, type Job } from 'bullmq';
import IORedis, { type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { ShotlineError, toWireError, WorkerInfoSchema, type WorkerInfo } from '../../shared/protocol';
import type { JobImagePreparer } from '../pipeline/conditioning-frames';
import { JobBook } from '../queue/job-book';
import type { JobDispatcher } from '../queue/job-queue';
import type { JobRecord } from '../queue/job-record';
import { readCommittedTake } from '../pipeline/committed-take';
import type { TakeResult } from '../pipeline/run-take';
import {
  ClusterJobResultSchema,
  ClusterProgressSchema,
  decodeFailure,
  JOB_ATTEMPTS,
  RETRY_BACKOFF,
  toJobData,
  type ClusterJobData,
} from './job-data';
import { RedisStateWatch } from './redis-state-watch';
import { shipConditioning, type ShippedConditioning } from './shipped-images';
import { redisSettingProblems } from './redis-settings';
import {
  CANCEL_CHANNEL,
  priorityFor,
  QUEUE_PREFIX,
  queueNameFor,
  queueNameForShot,
  WORKER_KEY_PREFIX,
} from './routing';

export interface DistributedQueueOptions {
  /** The codec of every clip: the coordinator named the files (.mp4 or .mov), so workers encode with it. */
  codec: ClusterJobData['codec'];
  /** How long a shot no live worker serves may wait for one; 0 (the default) fails it at once. */
  workerWaitMs?: number;
  /** How often Redis is checked for having lost the queue (a restart without persistence, a flush). */
  stateCheckMs?: number;
  /** Makes (or finds, for a job seen before) a conditioned shot's frames here, to be shipped to its worker. */
  prepareImages?: JobImagePreparer;
}

interface Route {
  queue: Queue;
  events: QueueEvents;
}

export class DistributedQueue extends JobBook implements JobDispatcher {
  private readonly routes = new Map<string, Route>();
  /** Commands fail at once while Redis is down (no offline queue), so a panel hears about it right away. */
  private readonly commands: IORedis;
  private readonly where: string;
  private readonly stateWatch: RedisStateWatch;
  private readonly waitTimers = new Set<NodeJS.Timeout>();
  /** Jobs accepted before this (a restart's restored ones) were served once: they skip the worker check. */
  private readonly startedAt = Date.now();

  constructor(
    private readonly redis: RedisOptions,
    private readonly log: Logger,
    private readonly options: DistributedQueueOptions,
  ) {
    super();
    this.where = `${redis.host}:${redis.port}`;
    this.commands = new IORedis({ ...redis, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.commands.on('error', (err) =>
      this.log.warn({ err: err.message, redis: this.where }, 'redis connection problem'),
    );
    this.commands.once('ready', () => void this.warnAboutSettings());
    this.stateWatch = new RedisStateWatch(
      this.commands,
      `${QUEUE_PREFIX}.coordinator.${randomUUID()}`,
      options.stateCheckMs ?? 2000,
      () => this.resubmitOpen(),
    );
    this.stateWatch.start();
  }

  private async warnAboutSettings(): Promise<void> {
    for (const problem of await redisSettingProblems(this.commands))
      this.log.warn({ redis: this.where }, problem);
  }

  /** Redis came back empty: every job still open here goes to it again, from this coordinator's store. */
  private resubmitOpen(): void {
    const open = [...this.jobs.values()].filter((j) => j.status === 'queued' || j.status === 'running');
    this.log.warn(
      { redis: this.where, jobs: open.length },
      'Redis lost the queue (restarted without persistence, or flushed); re-submitting the open jobs',
    );
    // Workers' heartbeats went with the rest; they come back within a beat, so no worker check here.
    for (const job of open) void this.dispatch(job, false, true);
  }

  /**
   * After Redis came back, each queue's own producer connection (no offline queue) reconnects on its own
   * schedule, after the watch's: its first command would fail as "not writeable", so it is pinged until it
   * answers, for a few seconds at most.
   */
  private async queueReconnected(queue: Queue, withinMs = 10_000): Promise<void> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      try {
        // bullmq types its client narrowly; it is the ioredis connection made from `producer`.
        const client = (await queue.client) as unknown as Pick<IORedis, 'ping'>;
        await client.ping();
        return;
      } catch (err) {
        if (Date.now() >= deadline) throw err;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  private route(name: string): Route {
    let route = this.routes.get(name);
    if (!route) {
      const producer = { ...this.redis, enableOfflineQueue: false, maxRetriesPerRequest: 1 };
      const queue = new Queue(name, { connection: producer, prefix: QUEUE_PREFIX });
      const events = new QueueEvents(name, { connection: this.redis, prefix: QUEUE_PREFIX });
      queue.on('error', (err) => this.log.warn({ err: err.message, queue: name }, 'queue error'));
      events.on('error', (err) => this.log.warn({ err: err.message, queue: name }, 'queue events error'));
      events.on('active', ({ jobId }) => this.onActive(jobId));
      events.on('progress', ({ jobId, data }) => this.onProgress(jobId, data));
      events.on('completed', ({ jobId, returnvalue }) => this.onCompleted(jobId, returnvalue));
      events.on('failed', ({ jobId, failedReason }) => this.onFailed(jobId, failedReason));
      route = { queue, events };
      this.routes.set(name, route);
    }
    return route;
  }

  enqueue(job: JobRecord): void {
    this.record(job);
    void this.dispatch(job);
  }

  private async dispatch(
    job: JobRecord,
    checkWorkers = job.createdAt.getTime() >= this.startedAt,
    afterRedisLoss = false,
  ): Promise<void> {
    const { queue, events } = this.route(queueNameForShot(job.shot));
    // Before Redis: a bad image fails the shot with its own code, and nothing is queued for it.
    let images: ShippedConditioning | undefined;
    try {
      images = await this.imagesFor(job);
    } catch (err) {
      return this.settleFailed(job, toWireError(err, `job ${job.jobId}`));
    }
    try {
      await this.connected();
      if (afterRedisLoss) await this.queueReconnected(queue);
      // Listen before adding, so no event of this job is missed; bounded in case Redis drops meanwhile.
      await withTimeout(events.waitUntilReady(), 10_000, 'the queue event stream did not connect');
      // After a coordinator restart the job may already have finished while nobody listened.
      const existing = await queue.getJob(job.jobId);
      if (existing) return void (await this.reconcile(existing, queue));
      // Not in Redis (it lost its state, or this is a restart): a worker may have committed it meanwhile.
      const committed = await readCommittedTake(job);
      if (committed) return this.settleDone(job, committed);
      if (checkWorkers && !(await this.someoneServes(job))) return;
      const backlog = this.list(job.ownerId).filter((j) => j.status === 'queued').length;
      await queue.add('take', toJobData(job, this.options.codec, images), {
        jobId: job.jobId,
        priority: priorityFor(job.shot, backlog),
        attempts: JOB_ATTEMPTS,
        backoff: RETRY_BACKOFF,
        removeOnComplete: { age: 7 * 24 * 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      });
    } catch (err) {
      this.settleFailed(job, {
        code: 'QUEUE_UNAVAILABLE',
        message: `The job queue at ${this.where} is unreachable (${(err as Error).message}); the shot was not queued. Try again when it is back.`,
      });
    }
  }

  /**
   * A conditioned shot's frames, read here under this coordinator's media roots and kept in its data folder,
   * so whichever worker runs an attempt gets the same frames and no worker needs the media mounted.
   */
  private async imagesFor(job: JobRecord): Promise<ShippedConditioning | undefined> {
    if (!job.shot.conditioning) return undefined;
    if (!this.options.prepareImages) {
      throw new ShotlineError(
        'IMAGE_NOT_ALLOWED',
        `Shot ${job.shot.shotId} starts from an image, and this coordinator has no media folders to read images from.`,
      );
    }
    const prepared = await this.options.prepareImages(job.jobId, job.shot, AbortSignal.timeout(120_000));
    return prepared && shipConditioning(prepared, job.shot.shotId);
  }

  /**
   * False (and the job failed with NO_WORKER) when no live worker serves its backend and model and waiting is
   * off. With a wait, the job is queued and fails only if no such worker has taken it when the wait is over.
   */
  private async someoneServes(job: JobRecord): Promise<boolean> {
    const name = queueNameForShot(job.shot);
    if ((await this.servedQueues()).has(name)) return true;
    const waitMs = this.options.workerWaitMs ?? 0;
    if (waitMs === 0) {
      this.settleFailed(job, await this.noWorker(name, 'No live worker serves'));
      return false;
    }
    const timer = setTimeout(() => {
      this.waitTimers.delete(timer);
      void this.giveUpWaiting(job, name, waitMs);
    }, waitMs);
    this.waitTimers.add(timer);
    // The panel shows why nothing happens yet; a worker's first progress replaces it.
    job.progress = {
      ...job.progress!,
      waiting: `Waiting up to ${waitMs / 1000} s for a worker that serves ${name}`,
    };
    this.emit('progress', job);
    return true;
  }

  private async giveUpWaiting(job: JobRecord, name: string, waitMs: number): Promise<void> {
    if (job.status !== 'queued' || (await this.servedQueues().catch(() => new Set())).has(name)) return;
    const remote = await this.route(name)
      .queue.getJob(job.jobId)
      .catch(() => undefined);
    // Taken meanwhile by a worker that has just left: leave it to BullMQ's stall recovery.
    const removed = await remote?.remove().then(
      () => true,
      () => false,
    );
    if (remote && !removed) return;
    this.settleFailed(job, await this.noWorker(name, `No worker came within ${waitMs / 1000} s to serve`));
  }

  private async noWorker(name: string, lead: string): Promise<{ code: 'NO_WORKER'; message: string }> {
    const served = [...(await this.servedQueues())].sort();
    return {
      code: 'NO_WORKER',
      message: `${lead} ${name}; ${served.length > 0 ? `workers serve ${served.join(', ')}` : 'no worker is connected'}. Check the shot's backend and model.`,
    };
  }

  private async servedQueues(): Promise<Set<string>> {
    return new Set((await this.workers()).map((w) => queueNameFor(w.backend, w.model)));
  }

  /**
   * A fresh connection (just after start) gets a few seconds to come up; after that a Redis that is down
   * fails the command at once (no offline queue) instead of hanging on reconnects.
   */
  private async connected(): Promise<void> {
    if (this.commands.status !== 'ready') {
      await withTimeout(
        new Promise<void>((resolve) => this.commands.once('ready', () => resolve())),
        3000,
        'no connection',
      ).catch(() => undefined);
    }
    await this.commands.ping();
  }

  private async reconcile(existing: Job, queue: Queue): Promise<void> {
    const state = await existing.getState();
    if (state === 'completed' || state === 'failed') {
      // The job may have ended between the snapshot and getState (its returnvalue then still null): read it again.
      const settled = (await queue.getJob(existing.id!)) ?? existing;
      if (state === 'completed') this.onCompleted(existing.id!, settled.returnvalue);
      else this.onFailed(existing.id!, settled.failedReason);
    } else if (state === 'active') this.onActive(existing.id!);
  }

  /** Waiting jobs leave the queue; running ones are told to stop through the cancel channel. */
  cancel(jobId: string, reason = 'cancel'): boolean {
    const job = this.jobs.get(jobId);
    if (!job || (job.status !== 'queued' && job.status !== 'running')) return false;
    void (async () => {
      const { queue } = this.route(queueNameForShot(job.shot));
      const remote = await queue.getJob(jobId).catch(() => undefined);
      const state = remote ? await remote.getState().catch(() => 'unknown') : 'missing';
      if (remote && (state === 'waiting' || state === 'prioritized' || state === 'delayed')) {
        try {
          await remote.remove();
          return this.settleFailed(job, {
            code: 'JOB_CANCELLED',
            message: 'The job was cancelled before it started.',
          });
        } catch {
          // A worker took it meanwhile: fall through to the running case.
        }
      }
      await this.commands
        .publish(CANCEL_CHANNEL, JSON.stringify({ jobId, reason }))
        .catch((err: Error) => this.log.warn({ err: err.message, jobId }, 'could not send cancel'));
    })();
    return true;
  }

  async workers(): Promise<WorkerInfo[]> {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await this.commands.scan(cursor, 'MATCH', `${WORKER_KEY_PREFIX}*`, 'COUNT', 100);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    if (keys.length === 0) return [];
    const values = await this.commands.mget(...keys);
    return values.flatMap((v) => {
      const parsed = v ? WorkerInfoSchema.safeParse(JSON.parse(v)) : undefined;
      return parsed?.success ? [parsed.data] : [];
    });
  }

  async close(): Promise<void> {
    this.stateWatch.stop();
    this.waitTimers.forEach((t) => clearTimeout(t));
    await Promise.all([...this.routes.values()].flatMap((r) => [r.events.close(), r.queue.close()]));
    this.commands.disconnect();
  }

  private onActive(jobId: string): void {
    const job = this.jobs.get(jobId);
    if (!job || job.status !== 'queued') return;
    job.status = 'running';
    job.startedAt = new Date();
    this.emit('started', job);
  }

  private onProgress(jobId: string, data: unknown): void {
    const job = this.jobs.get(jobId);
    const progress = ClusterProgressSchema.safeParse(data);
    if (!job || !progress.success || (job.status !== 'running' && job.status !== 'queued')) return;
    if (job.status === 'queued') this.onActive(jobId);
    const { preview, ...rest } = progress.data;
    if (preview) {
      // Only the preview is new: the progress beside it was sent already.
      job.preview = preview;
      return void this.emit('preview', job);
    }
    job.progress = rest;
    this.emit('progress', job);
  }

  private onCompleted(jobId: string, returnvalue: unknown): void {
    const job = this.jobs.get(jobId);
    if (!job || job.status === 'done') return;
    const value = typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue;
    const result = ClusterJobResultSchema.safeParse(value);
    if (!result.success) {
      this.log.error(
        { jobId, issues: result.error.issues.slice(0, 5), returned: typeof value },
        'unreadable worker result',
      );
      return this.settleFailed(job, {
        code: 'BACKEND_FAILED',
        message: 'A worker returned a result this coordinator cannot read.',
      });
    }
    this.settleDone(job, result.data);
  }

  private settleDone(job: JobRecord, result: TakeResult): void {
    if (job.status === 'done' || job.status === 'failed' || job.status === 'cancelled') return;
    job.status = 'done';
    delete job.preview;
    job.output = result.output;
    job.provenance = result.provenance;
    job.progress = { phase: 'writing', step: job.frames, total: job.frames, fraction: 1, etaSeconds: 0 };
    this.emit('done', job);
  }

  private onFailed(jobId: string, failedReason: string | undefined): void {
    const job = this.jobs.get(jobId);
    if (!job || job.status === 'failed' || job.status === 'cancelled' || job.status === 'done') return;
    this.settleFailed(job, decodeFailure(failedReason));
  }

  private settleFailed(job: JobRecord, error: { code: ShotlineError['code']; message: string }): void {
    if (job.status === 'failed' || job.status === 'cancelled' || job.status === 'done') return;
    job.status = error.code === 'JOB_CANCELLED' ? 'cancelled' : 'failed';
    delete job.preview;
    job.error = error;
    this.emit('failed', job);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
