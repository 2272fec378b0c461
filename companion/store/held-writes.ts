// Writes job state through to the store, holding what cannot be written (a full disk) and retrying it.
import { ShotlineError, toWireError } from '../../shared/protocol';
import type { JobRecord } from '../queue/job-record';
import type { JobStore } from './job-store';

/** How often held writes are tried again while the store refuses them. */
const RETRY_MS = 5000;

/**
 * A running job must not die, nor the daemon exit, because its progress could not be saved: the job goes on
 * in memory, its latest state is held here and written as soon as the store takes writes again.
 */
export class HeldWrites {
  private readonly held = new Map<string, JobRecord>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly store: JobStore,
    private readonly warn: (message: string) => void,
  ) {}

  get holding(): number {
    return this.held.size;
  }

  /** Saves the job now, or holds it when the store cannot take it; never throws. */
  save(job: JobRecord): void {
    this.held.set(job.jobId, job);
    this.flush();
  }

  /** Saves new jobs all together, or throws the store's coded error (STORE_FULL) so nothing half-queues. */
  saveNew(jobs: readonly JobRecord[]): void {
    this.flush();
    this.store.saveAll(jobs);
  }

  /** Writes everything held; true when nothing is left waiting. */
  flush(): boolean {
    for (const [jobId, job] of this.held) {
      try {
        this.store.save(job);
        this.held.delete(jobId);
      } catch (err) {
        this.hold(err);
        return false;
      }
    }
    if (this.held.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
      this.warn('The job database takes writes again; held job states are saved.');
    }
    return true;
  }

  private hold(err: unknown): void {
    if (this.timer) return;
    const wire = err instanceof ShotlineError ? err.toWire() : toWireError(err, 'the job database');
    this.warn(`${wire.code}: ${wire.message} Jobs keep running; ${this.held.size} job state(s) held.`);
    this.timer = setInterval(() => this.flush(), RETRY_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
