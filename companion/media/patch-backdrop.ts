// The first whole frame that packed patches are laid over (patch-input.ts), on its way to ffmpeg: down a pipe
// of its own, ffmpeg's fd 3, or through a temporary file where no such pipe can be had.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import type { FirstFrameAhead } from './first-frame-ahead';

/** How the first frame reaches ffmpeg. */
export type BackdropVia = 'pipe' | 'file';

/** ffmpeg's input for the fd 3 pipe. */
export const BACKDROP_PIPE = 'pipe:3';

/**
 * The pipe, except on Windows: there the tools run without the host, and a Windows ffmpeg's C runtime is not
 * known to give it the handle as fd 3, so the frame goes through a file (never tried on Windows here).
 */
export function defaultBackdropVia(): BackdropVia {
  return process.platform === 'win32' ? 'file' : 'pipe';
}

/**
 * Ends `pipe` (the tool's fd 3) with a copy of the first frame: the source draws the next into the same
 * buffer. Not waited for: ffmpeg opens this input after the stdin one, whose frames go meanwhile. A failed
 * write or a missing pipe is ffmpeg's to report (it finds no frame there and exits); a failed first frame is
 * the frames' own iteration's.
 */
export async function sendBackdrop(frames: FirstFrameAhead<Uint8Array>, pipe: unknown): Promise<void> {
  const first = await frames.peek().catch(() => undefined);
  if (!(pipe instanceof Writable)) return;
  pipe.on('error', () => undefined);
  pipe.end(first && Buffer.from(first));
}

/**
 * The first frame in a file of its own, for ffmpeg to open as it starts: so it is made before ffmpeg starts,
 * not meanwhile. Undefined when there is no first frame or it cannot be written (a full temporary disk);
 * the caller then sends whole frames, the same clip, slower.
 */
export async function writeBackdropFile(frames: FirstFrameAhead<Uint8Array>): Promise<string | undefined> {
  const first = await frames.peek().catch(() => undefined);
  if (!first) return undefined;
  let dir: string | undefined;
  try {
    dir = await mkdtemp(join(tmpdir(), 'shotline-patch-backdrop-'));
    const path = join(dir, 'first.yuv');
    await writeFile(path, first);
    return path;
  } catch {
    if (dir) await rm(dir, { recursive: true, force: true });
    return undefined;
  }
}

/** Removes what writeBackdropFile made; nothing for the pipe. */
export async function removeBackdrop(backdrop: string): Promise<void> {
  if (backdrop !== BACKDROP_PIPE) await rm(dirname(backdrop), { recursive: true, force: true });
}
