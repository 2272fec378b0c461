// Writes that never leave a half-written file under the final name: temp name, fsync, rename, fsync dir.
import { randomBytes } from 'node:crypto';
import { access, open, rename, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { ShotlineError } from '../../shared/protocol';

export const PARTIAL_MARKER = '.partial-';

/** This process as a partial file's owner: host (dots would break the name's fields) and pid. */
const OWNER_HOST = hostname().replace(/[^A-Za-z0-9-]/g, '-') || 'host';

/**
 * The temporary sibling a file is written under; dot-prefixed so hosts never see it as media. The name
 * carries its writer (host and pid), so cleanup on a shared folder can tell a dead writer's leftover from
 * another machine's write in flight.
 */
export function partialPathFor(finalPath: string): string {
  const tag = `${OWNER_HOST}.${process.pid}.${randomBytes(4).toString('hex')}`;
  return join(dirname(finalPath), `.${basename(finalPath)}${PARTIAL_MARKER}${tag}`);
}

export interface PartialName {
  /** The file it will become, in the same folder. */
  finalName: string;
  /** Absent on names written before owners were recorded. */
  owner?: { host: string; pid: number };
}

/** Reads a partial file's name back; undefined for anything that is not one. */
export function parsePartialName(name: string): PartialName | undefined {
  const at = name.lastIndexOf(PARTIAL_MARKER);
  if (!name.startsWith('.') || at <= 1) return undefined;
  const finalName = name.slice(1, at);
  const [host, pid, rand] = name.slice(at + PARTIAL_MARKER.length).split('.');
  if (!host || !pid || !rand || !/^\d+$/.test(pid)) return { finalName };
  return { finalName, owner: { host, pid: Number(pid) } };
}

export function isOwnHost(host: string): boolean {
  return host === OWNER_HOST;
}

async function fsyncPath(path: string, flags: string): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Moves a fully written temp file into place durably. */
export async function commitFile(partialPath: string, finalPath: string): Promise<void> {
  try {
    await fsyncPath(partialPath, 'r+');
    await rename(partialPath, finalPath);
    if (process.platform !== 'win32') await fsyncPath(dirname(finalPath), 'r');
  } catch (err) {
    await rm(partialPath, { force: true });
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw partialMissing(finalPath);
    throw outputError(err, finalPath);
  }
}

/**
 * The half-written file went away before it was moved into place: something else removed it (a cleanup, a
 * person). Its own code, because running the take again is the cure, unlike a full disk.
 */
export function partialMissing(finalPath: string): ShotlineError {
  return new ShotlineError(
    'OUTPUT_MISSING',
    `The half-written clip for ${finalPath} was removed by another process before it could be committed.`,
    { params: { path: finalPath } },
  );
}

export async function writeFileAtomic(finalPath: string, data: string | Uint8Array): Promise<void> {
  const partial = partialPathFor(finalPath);
  try {
    const handle = await open(partial, 'w', 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, finalPath);
  } catch (err) {
    await rm(partial, { force: true });
    throw outputError(err, finalPath);
  }
}

export function outputError(err: unknown, path: string): ShotlineError {
  if (err instanceof ShotlineError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOSPC'
      ? 'the disk is full'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission was denied'
        : code === 'ENOENT'
          ? 'its folder does not exist'
          : code === 'EROFS'
            ? 'the file system is read-only'
            : (err as Error).message;
  return new ShotlineError('OUTPUT_WRITE_FAILED', `Could not write ${path}: ${why}.`, {
    params: { path, why, case: 'write' },
    cause: err,
  });
}

export function fileExists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
