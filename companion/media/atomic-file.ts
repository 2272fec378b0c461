// Writes that never leave a half-written file under the final name: temp name, fsync, rename, fsync dir.
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ShotlineError } from '../../shared/protocol';

/** The temporary sibling a file is written under; dot-prefixed so hosts never see it as media. */
export function partialPathFor(finalPath: string): string {
  return join(dirname(finalPath), `.${basename(finalPath)}.partial-${randomBytes(4).toString('hex')}`);
}

export const PARTIAL_MARKER = '.partial-';

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
    throw outputError(err, finalPath);
  }
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
  return new ShotlineError('OUTPUT_WRITE_FAILED', `Could not write ${path}: ${why}.`, { cause: err });
}
