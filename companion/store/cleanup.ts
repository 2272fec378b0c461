// Start-up cleanup: half-written clips and job work folders left by a crash are removed.
import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PARTIAL_MARKER } from '../media/atomic-file';

export async function removeLeftovers(outputDir: string): Promise<string[]> {
  const removed: string[] = [];
  const entries = await readdir(outputDir).catch(() => [] as string[]);
  for (const name of entries) {
    if (name.startsWith('.') && name.includes(PARTIAL_MARKER)) {
      await rm(join(outputDir, name), { force: true });
      removed.push(name);
    }
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
