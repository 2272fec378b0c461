// Start-up cleanup: half-written clips and job work folders left by a crash, and only those, are removed.
import { readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isOwnHost, parsePartialName } from '../media/atomic-file';

export interface LeftoverRules {
  /** Final file names (in the folder) of jobs still queued or running: their partials are never touched. */
  openOutputs: ReadonlySet<string>;
  /**
   * A partial from another machine (or with no owner in its name) is removed only when nothing has written
   * to it for this long: the folder may be a shared mount that workers are writing into right now.
   */
  staleMs?: number;
  now?: number;
}

/** An hour without a write: far beyond any encode's pause between two writes. */
export const DEFAULT_STALE_PARTIAL_MS = 60 * 60 * 1000;

/**
 * Removes partial files that provably belong to no live write: their writer is a dead process on this
 * machine, or their job is not open and nothing has written to them for `staleMs`.
 */
export async function removeLeftovers(outputDir: string, rules: LeftoverRules): Promise<string[]> {
  const staleMs = rules.staleMs ?? DEFAULT_STALE_PARTIAL_MS;
  const now = rules.now ?? Date.now();
  const removed: string[] = [];
  for (const name of await readdir(outputDir).catch(() => [] as string[])) {
    const partial = parsePartialName(name);
    if (!partial) continue;
    const path = join(outputDir, name);
    // A dead writer never commits, whatever its job's state; the job's next run writes a partial of its own.
    const deadHere = partial.owner && isOwnHost(partial.owner.host) && !isAlive(partial.owner.pid);
    if (!deadHere) {
      if (rules.openOutputs.has(partial.finalName)) continue;
      const written = await stat(path).then(
        (s) => s.mtimeMs,
        () => undefined,
      );
      if (written === undefined || now - written < staleMs) continue;
    }
    await rm(path, { force: true });
    removed.push(name);
  }
  return removed;
}

/** Work folders of jobs whose process is gone (the pid in the name no longer runs). */
export async function removeStaleWorkDirs(): Promise<number> {
  let count = 0;
  for (const name of await readdir(tmpdir()).catch(() => [] as string[])) {
    const match = /^shotline-job-(\d+)-/.exec(name);
    if (!match || isAlive(Number(match[1]))) continue;
    await rm(join(tmpdir(), name), { recursive: true, force: true });
    count++;
  }
  return count;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
