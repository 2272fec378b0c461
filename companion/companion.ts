// The companion's core, shared by the daemon and the CLI: backends, queue and the take pipeline wired once.
import { join } from 'node:path';
import { ShotlineError, type BackendInfo, type ShotRequest } from '../shared/protocol';
import { BackendRegistry, type BackendSettings } from './backends/registry';
import type { FitMode, RateMode } from './media/conform-plan';
import { getEncoder, type Encoder } from './media/encoders';
import { validateShotForBackend } from './pipeline/validate-shot';
import { runTake } from './pipeline/run-take';
import { JobQueue } from './queue/job-queue';
import type { JobRecord } from './queue/job-record';
import { newJobId, safeFileStem } from './util/ids';
import { randomInt } from 'node:crypto';

export interface CompanionOptions {
  outputDir: string;
  backends?: readonly string[];
  backendSettings?: BackendSettings;
  codec?: string;
  fit?: FitMode;
  rateMode?: RateMode;
}

export interface SubmitOptions {
  ownerId: string;
  /** Exact output path for a single take (CLI --out); otherwise named inside outputDir. */
  outPath?: string;
}

export class Companion {
  readonly registry: BackendRegistry;
  readonly queue: JobQueue;
  readonly outputDir: string;
  private readonly encoder: Encoder;
  private readonly fit: FitMode;
  private readonly rateMode: RateMode;

  constructor(options: CompanionOptions) {
    this.outputDir = options.outputDir;
    this.registry = new BackendRegistry(options.backends, options.backendSettings);
    this.encoder = getEncoder(options.codec ?? 'h264');
    this.fit = options.fit ?? 'fit';
    this.rateMode = options.rateMode ?? 'duplicate';
    this.queue = new JobQueue(
      (job, signal, onProgress) =>
        runTake(
          job,
          this.backendFor(job.shot.backend),
          { encoder: this.encoder, fit: this.fit, rateMode: this.rateMode },
          signal,
          onProgress,
          {
            read: () => job.checkpoint,
            write: (data) => {
              job.checkpoint = { ...data };
              this.queue.emit('checkpoint', job);
            },
          },
        ),
      (backend) => this.registry.get(backend)?.info().capabilities.concurrency ?? 1,
    );
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
      );
    }
    return backend;
  }

  /** Validates every shot first, so a bad one rejects the whole request and nothing is half-queued. */
  submit(shots: readonly ShotRequest[], options: SubmitOptions): JobRecord[] {
    const planned = shots.map((shot) => ({
      shot,
      frames: validateShotForBackend(shot, this.backendFor(shot.backend).info()),
    }));
    if (options.outPath && (planned.length !== 1 || planned[0]!.shot.takes !== 1)) {
      throw new ShotlineError(
        'INVALID_SHOT',
        'An explicit output path takes exactly one shot with one take.',
      );
    }
    const createdAt = new Date();
    const jobs: JobRecord[] = [];
    for (const { shot, frames } of planned) {
      const baseSeed = shot.seed ?? randomInt(0, 2 ** 31 - 1 - 16);
      for (let take = 1; take <= shot.takes; take++) {
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
          seed: (baseSeed + take - 1) % 2147483648,
          frames,
          outPath,
          status: 'queued',
          createdAt,
        });
      }
    }
    for (const job of jobs) this.queue.enqueue(job);
    return jobs;
  }

  async close(): Promise<void> {
    await this.queue.close();
    await this.registry.dispose();
  }
}
