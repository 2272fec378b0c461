// The companion's core, shared by the daemon and the CLI: backends, policy, queue, store and the take pipeline.
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  ShotlineError,
  preflightProblems,
  type BackendInfo,
  type PreflightResult,
  type ShotRequest,
} from '../shared/protocol';
import { SHUTDOWN_REASON, type JobCheckpoint } from './backends/backend';
import { PreflightCache } from './backends/preflight-cache';
import { BackendRegistry, type BackendSettings } from './backends/registry';
import type { FitMode, RateMode } from './media/conform-plan';
import { getEncoder, type Encoder } from './media/encoders';
import { MediaRoots } from './media/media-roots';
import { prepareConditioning, type JobImagePreparer } from './pipeline/conditioning-frames';
import { runTake } from './pipeline/run-take';
import { validateShotForBackend } from './pipeline/validate-shot';
import { PolicyGate } from './policy/policy-gate';
import { JobQueue, type JobDispatcher, type TakeRunner } from './queue/job-queue';
import { principalOf } from './queue/job-owner';
import { JobTimeline, type JobLog } from './queue/job-timeline';
import type { JobRecord } from './queue/job-record';
import { ConditioningRetention } from './store/conditioning-retention';
import { HeldWrites } from './store/held-writes';
import { MemoryJobStore, type JobStore, type QuarantinedRow } from './store/job-store';
import { TemplateStore } from './templates/template-store';
import { newJobId, safeFileStem } from './util/ids';

export interface CompanionOptions {
  outputDir: string;
  backends?: readonly string[];
  backendSettings?: BackendSettings;
  codec?: string;
  fit?: FitMode;
  rateMode?: RateMode;
  /** Burn "AI DRAFT" into clips of backends that do not label their frames (default on). */
  burnInLabel?: boolean;
  /** Milliseconds ffmpeg may go without progress before it is stopped (ENCODE_STALLED). */
  encodeStallMs?: number;
  policy?: PolicyGate;
  store?: JobStore;
  /** Queued jobs one user (or the companion's own token) may have waiting; more is refused with QUEUE_FULL. */
  maxQueuedPerOwner?: number;
  /** Finished jobs kept in the store and in memory. */
  keepFinished?: number;
  /** Prompt templates shared by every panel; in memory (seeded with the defaults) when left out. */
  templates?: TemplateStore;
  /** Clips in flight per backend lane (CLI `--jobs`), in place of the backend's own limit. */
  jobs?: number;
  /** Where jobs run: the in-process queue by default, or a distributed one (coordinator mode). */
  dispatcher?: (
    runner: TakeRunner,
    concurrencyOf: (backend: string) => number,
    /** A conditioned job's frames, made under this companion's media roots (a coordinator ships them). */
    prepareImages: JobImagePreparer,
  ) => JobDispatcher;
  /** How long a backend's ready preflight is reused (panel picks, batches); default 60 s. */
  preflightTtlMs?: number;
  /** Where the core reports trouble it survives (a job database that refuses writes). */
  warn?: (message: string) => void;
  /** Gets one structured line per job phase (the daemon's pino logger); nothing is logged without it. */
  jobLog?: JobLog;
  /** Folders a shot's conditioning images may come from, besides the outputs (which always may). */
  mediaRoots?: readonly string[];
  /** Where each job keeps its conditioning images (a folder per job); `<outputDir>/.conditioning` by default. */
  framesDir?: string;
}

export interface SubmitOptions {
  ownerId: string;
  /** Exact output path for a single take (CLI --out); otherwise named inside outputDir. */
  outPath?: string;
}

/** Progress is written to the store at most this often per job: enough to show after a crash. */
const PROGRESS_SAVE_INTERVAL_MS = 2000;

export class Companion {
  readonly registry: BackendRegistry;
  readonly queue: JobDispatcher;
  readonly outputDir: string;
  readonly templates: TemplateStore;
  private readonly encoder: Encoder;
  private readonly fit: FitMode;
  private readonly rateMode: RateMode;
  private readonly policy: PolicyGate;
  private readonly store: JobStore;
  private readonly writes: HeldWrites;
  private readonly maxQueuedPerOwner: number;
  private readonly keepFinished: number;
  private readonly progressSavedAt = new Map<string, number>();
  private readonly preflights: PreflightCache;
  private readonly timeline: JobTimeline | undefined;
  private finishedSincePrune = 0;
  private readonly mediaRoots: MediaRoots;
  private readonly framesDir: string;
  private readonly keptFrames: ConditioningRetention;
  /** Removals of kept frames still under way; close() waits for them. */
  private readonly framesRemovals = new Set<Promise<void>>();

  constructor(options: CompanionOptions) {
    this.outputDir = options.outputDir;
    this.templates = options.templates ?? TemplateStore.inMemory();
    this.registry = new BackendRegistry(options.backends, options.backendSettings);
    this.preflights = new PreflightCache({ readyTtlMs: options.preflightTtlMs });
    this.encoder = getEncoder(options.codec ?? 'h264');
    this.fit = options.fit ?? 'fit';
    this.rateMode = options.rateMode ?? 'duplicate';
    this.policy = options.policy ?? new PolicyGate();
    this.store = options.store ?? new MemoryJobStore();
    this.writes = new HeldWrites(this.store, options.warn ?? (() => undefined));
    this.maxQueuedPerOwner = options.maxQueuedPerOwner ?? 500;
    this.keepFinished = options.keepFinished ?? 5000;
    this.timeline = options.jobLog && new JobTimeline(options.jobLog);
    this.mediaRoots = new MediaRoots([this.outputDir, ...(options.mediaRoots ?? [])]);
    this.framesDir = options.framesDir ?? join(this.outputDir, '.conditioning');
    this.keptFrames = new ConditioningRetention(this.framesDir, options.warn ?? (() => undefined));
    const makeQueue = options.dispatcher ?? ((run, concurrencyOf) => new JobQueue(run, concurrencyOf));
    this.queue = makeQueue(
      async (job, signal, onProgress, onPreview) => {
        await this.policy.moderate(job.shot, signal);
        return runTake(
          { ...job, framesDir: join(this.framesDir, job.jobId) },
          this.backendFor(job.shot.backend),
          {
            mediaRoots: this.mediaRoots,
            encoder: this.encoder,
            fit: this.fit,
            rateMode: this.rateMode,
            burnInLabel: options.burnInLabel ?? true,
            ...(options.encodeStallMs !== undefined && { encodeStallMs: options.encodeStallMs }),
            ...(this.timeline && { onPhase: this.timeline.phasesOf(job) }),
          },
          signal,
          onProgress,
          this.checkpointOf(job),
          onPreview,
        );
      },
      (backend) => options.jobs ?? this.registry.get(backend)?.info().capabilities.concurrency ?? 1,
      async (jobId, shot, signal) =>
        shot.conditioning &&
        prepareConditioning(shot.conditioning, {
          roots: this.mediaRoots,
          dir: join(this.framesDir, jobId),
          size: shot.size,
          fit: this.fit,
          signal,
        }),
    );
    this.persistQueueEvents();
    // A failed job is the surest sign a setup changed (a server restarted, a model went): check afresh next time.
    this.queue.on('failed', (job) => this.preflights.invalidate(job.shot.backend));
    this.timeline?.follow(this.queue);
  }

  private checkpointOf(job: JobRecord): JobCheckpoint {
    return {
      read: () => job.checkpoint,
      write: (data) => {
        job.checkpoint = { ...data };
        this.queue.emit('checkpoint', job);
      },
    };
  }

  private persistQueueEvents(): void {
    const save = (job: JobRecord) => this.writes.save(job);
    this.queue.on('started', save);
    this.queue.on('checkpoint', save);
    this.queue.on('progress', (job) => {
      const now = Date.now();
      if (now - (this.progressSavedAt.get(job.jobId) ?? 0) < PROGRESS_SAVE_INTERVAL_MS) return;
      this.progressSavedAt.set(job.jobId, now);
      save(job);
    });
    const finished = (job: JobRecord) => {
      this.progressSavedAt.delete(job.jobId);
      save(job);
      // Every 100 finished jobs, or sooner when fewer are kept, so a small history stays small.
      if (++this.finishedSincePrune >= Math.min(100, this.keepFinished)) {
        this.finishedSincePrune = 0;
        this.removingFrames(this.keptFrames.forget(this.queue.forgetFinished(this.keepFinished)));
        // Pruning writes too; on a full disk it waits for the next round.
        if (this.writes.flush()) {
          try {
            this.store.prune(this.keepFinished);
          } catch {
            this.finishedSincePrune = 100;
          }
        }
      }
    };
    this.queue.on('done', finished);
    this.queue.on('failed', finished);
  }

  private removingFrames(removal: Promise<void>): void {
    this.framesRemovals.add(removal);
    void removal.finally(() => this.framesRemovals.delete(removal));
  }

  /** The panel's word on placing a finished job: logged as the job's last phase (nothing else changes). */
  reportPlacement(job: JobRecord, outcome: { placed: boolean; message?: string }): void {
    this.timeline?.placement(job, outcome);
  }

  backendInfos(): BackendInfo[] {
    return this.registry.names().map((name) => this.backendFor(name).info());
  }

  private backendFor(name: string) {
    const backend = this.registry.get(name);
    if (!backend) {
      throw new ShotlineError(
        'UNKNOWN_BACKEND',
        `Unknown backend "${name}"; this companion has ${this.registry.names().join(', ')}.`,
        { params: { backend: name, available: this.registry.names().join(', ') } },
      );
    }
    return backend;
  }

  /** The backend's preflight (a ready one is reused for a minute); undefined for one that needs nothing checked. */
  async preflight(name: string, signal = AbortSignal.timeout(30_000)): Promise<PreflightResult | undefined> {
    const backend = this.backendFor(name);
    const preflight = backend.preflight?.bind(backend);
    return preflight ? this.preflights.check(name, () => preflight(signal)) : undefined;
  }

  /** Backends of these shots that have a preflight to pass before anything is queued. */
  backendsToCheck(shots: readonly ShotRequest[]): string[] {
    return [...new Set(shots.map((s) => s.backend))].filter((name) => this.backendFor(name).preflight);
  }

  /** Refuses a batch once, with every sentence, when a backend it uses cannot run: not one failure per shot. */
  async assertReady(names: readonly string[]): Promise<void> {
    const results = await Promise.all(names.map((name) => this.preflight(name)));
    const failed = results.filter((r): r is PreflightResult => r !== undefined && r.state !== 'ready');
    if (failed.length === 0) return;
    throw new ShotlineError(
      'BACKEND_NOT_READY',
      failed.map((r) => `${r.backend} cannot run: ${preflightProblems(r)}`).join(' '),
      // The picker shows each check in the panel's language; the sentence names the backends and points there.
      { params: { backends: failed.map((r) => r.backend).join(', '), case: 'picker' } },
    );
  }

  /** Checks every shot first, so a bad one rejects the whole request and nothing is half-queued. */
  submit(shots: readonly ShotRequest[], options: SubmitOptions): JobRecord[] {
    const planned = shots.map((shot) => ({
      shot,
      frames: validateShotForBackend(shot, this.backendFor(shot.backend).info()),
      warnings: this.policy.screen(shot).warnings,
    }));
    if (options.outPath && (planned.length !== 1 || planned[0]!.shot.takes !== 1)) {
      throw new ShotlineError(
        'INVALID_SHOT',
        'An explicit output path takes exactly one shot with one take.',
        { params: { case: 'outputPath' } },
      );
    }
    const takes = planned.reduce((n, p) => n + p.shot.takes, 0);
    const principal = principalOf(options.ownerId);
    const waiting = this.queue
      .list()
      .filter((j) => j.status === 'queued' && principalOf(j.ownerId) === principal).length;
    if (waiting + takes > this.maxQueuedPerOwner) {
      throw new ShotlineError(
        'QUEUE_FULL',
        `The queue holds ${waiting} of your jobs; ${takes} more would pass the limit of ${this.maxQueuedPerOwner}. Wait for some to finish.`,
        { params: { waiting, takes, limit: this.maxQueuedPerOwner } },
      );
    }
    const createdAt = new Date();
    const jobs: JobRecord[] = [];
    for (const { shot, frames, warnings } of planned) {
      const baseSeed = shot.seed ?? randomInt(0, 2 ** 31 - 1 - 16);
      const firstTake = shot.firstTake ?? 1;
      for (let take = firstTake; take < firstTake + shot.takes; take++) {
        const jobId = newJobId();
        const outPath =
          options.outPath ??
          join(
            this.outputDir,
            `${safeFileStem(shot.shotId)}_take${take}_${jobId.slice(4, 12)}${this.encoder.extension}`,
          );
        jobs.push({
          jobId,
          ownerId: options.ownerId,
          shot,
          take,
          seed: (baseSeed + take - firstTake) % 2147483648,
          frames,
          outPath,
          status: 'queued',
          createdAt,
          ...(warnings.length > 0 && { policyWarnings: warnings }),
        });
      }
    }
    // Written before they are queued: a job the store cannot hold is refused with its code, not lost later.
    this.writes.saveNew(jobs);
    for (const job of jobs) {
      this.timeline?.queued(job);
      this.queue.enqueue(job);
    }
    return jobs;
  }

  /**
   * Brings back what the store holds after a restart or crash: unfinished jobs run again (a remote job
   * resumes from its checkpoint, a local one starts over), finished ones are listed as they were.
   */
  restore(): { requeued: number; finished: number; quarantined: readonly QuarantinedRow[] } {
    let requeued = 0;
    let finished = 0;
    const stored = this.store.load();
    // Before any job runs again: frames of jobs the store no longer holds go; every stored job keeps its own.
    this.removingFrames(this.keptFrames.sweep(new Set(stored.map((job) => job.jobId))));
    for (const job of stored) {
      if (job.status === 'queued' || job.status === 'running') {
        delete job.progress;
        delete job.startedAt;
        this.timeline?.queued(job, true);
        this.queue.enqueue(job);
        this.writes.save(job);
        requeued++;
        continue;
      }
      if (job.status === 'done' && job.output && !existsSync(job.output.path)) {
        job.status = 'failed';
        job.error = {
          code: 'OUTPUT_MISSING',
          message: `The clip ${job.output.path} is no longer on disk.`,
        };
        delete job.output;
        this.writes.save(job);
      }
      this.queue.adopt(job);
      finished++;
    }
    return { requeued, finished, quarantined: this.store.quarantined };
  }

  async close(): Promise<void> {
    await this.queue.close();
    await Promise.all(this.framesRemovals);
    await this.registry.dispose();
    this.writes.flush();
    this.writes.stop();
    this.store.close();
  }

  /** Stops without touching job state, as a crash would: used to hand jobs over to the next start. */
  async detach(): Promise<void> {
    this.queue.removeAllListeners();
    await this.queue.close(SHUTDOWN_REASON);
    await this.registry.dispose();
    this.writes.stop();
    this.store.close();
  }
}
