// A job's kept conditioning frames live exactly as long as the job's record: they go when it is forgotten.
//
// Never earlier: a queued or running job (a retry, a restart, a cluster attempt on another worker) must find
// the very frames its first attempt used, and a finished one's provenance names their hashes.
import { readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Only folders named like job ids are ever touched: the data folder is the user's. */
const JOB_FOLDER = /^job_[A-Za-z0-9_-]+$/;

export class ConditioningRetention {
  constructor(
    private readonly dir: string,
    private readonly warn: (message: string) => void,
  ) {}

  /** Removes the frames of jobs that were just forgotten (finished, beyond the kept history). */
  forget(jobIds: Iterable<string>): Promise<void> {
    return this.remove([...jobIds].filter((id) => JOB_FOLDER.test(id)));
  }

  /**
   * At start: removes the frames of every job the store no longer holds (pruned, or lost to a crash between
   * the prune and the removal). The folder is listed at once, so jobs submitted after this call are safe.
   */
  sweep(known: ReadonlySet<string>): Promise<void> {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return Promise.resolve();
    }
    return this.remove(names.filter((name) => JOB_FOLDER.test(name) && !known.has(name)));
  }

  private async remove(names: string[]): Promise<void> {
    await Promise.all(
      names.map((name) =>
        rm(join(this.dir, name), { recursive: true, force: true }).catch((err: Error) =>
          this.warn(`Could not remove the conditioning frames ${join(this.dir, name)}: ${err.message}`),
        ),
      ),
    );
  }
}
