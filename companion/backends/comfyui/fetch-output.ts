// Brings a prompt's saved clip into the job folder as one file ffmpeg reads: the video as is, frames joined.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { ShotlineError } from '../../../shared/protocol';
import { locateTool } from '../../media/tool-locator';
import type { ComfyClient } from './comfy-client';
import type { SavedOutput } from './comfy-output';

const run = promisify(execFile);

export interface FetchOptions {
  workDir: string;
  /** Names the files, so two prompts never share one. */
  tag: string;
  fps: number;
  signal: AbortSignal;
  maxBytes: number;
  onFile?: (done: number, total: number) => void;
}

/** The local path of the clip: a video or animated image downloaded, or still frames joined losslessly. */
export async function fetchSavedOutput(
  client: ComfyClient,
  saved: SavedOutput,
  options: FetchOptions,
): Promise<string> {
  const files = saved.kind === 'frames' ? saved.files : [saved.file];
  const paths: string[] = [];
  for (const [i, file] of files.entries()) {
    const path = join(
      options.workDir,
      `comfyui-${options.tag}-${String(i).padStart(5, '0')}${extname(file.filename) || '.mp4'}`,
    );
    await client.download(file, path, options.signal, options.maxBytes);
    paths.push(path);
    options.onFile?.(i + 1, files.length);
  }
  if (saved.kind === 'frames') return joinFrames(paths, options);
  // ffmpeg decodes animated WEBP only from release 8 on (the bundled one is older): libvips splits it into frames.
  if (/\.webp$/i.test(paths[0]!)) return joinFrames(await webpFrames(paths[0]!, options), options);
  return paths[0]!;
}

async function webpFrames(path: string, options: FetchOptions): Promise<string[]> {
  let pages: number;
  try {
    pages = (await sharp(path, { animated: true }).metadata()).pages ?? 1;
  } catch (err) {
    throw new ShotlineError(
      'DOWNLOAD_FAILED',
      `The animated WEBP ComfyUI saved is not readable: ${(err as Error).message}`,
    );
  }
  const frames: string[] = [];
  for (let page = 0; page < pages; page++) {
    const out = join(options.workDir, `comfyui-${options.tag}-webp-${String(page).padStart(5, '0')}.png`);
    await sharp(path, { page }).png({ compressionLevel: 1 }).toFile(out);
    frames.push(out);
  }
  return frames;
}

/** ffmpeg's concat list keeps the server's order and allows mixed names; FFV1 loses nothing before conform. */
async function joinFrames(paths: string[], options: FetchOptions): Promise<string> {
  const list = join(options.workDir, `comfyui-${options.tag}-frames.txt`);
  const duration = 1 / options.fps;
  const quote = (p: string) => `'${p.replace(/'/g, "'\\''")}'`;
  // The last entry is repeated: the concat demuxer ignores the duration of the final file.
  const lines = [...paths, paths.at(-1)!].map((p) => `file ${quote(p)}\nduration ${duration}`);
  await writeFile(list, `ffconcat version 1.0\n${lines.join('\n')}\n`);
  const out = join(options.workDir, `comfyui-${options.tag}-frames.mkv`);
  try {
    await run(
      locateTool('ffmpeg'),
      [
        ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-y'],
        ...['-f', 'concat', '-safe', '0', '-i', list],
        ...['-frames:v', String(paths.length), '-vsync', 'cfr', '-r', String(options.fps)],
        ...['-c:v', 'ffv1', '-pix_fmt', 'bgr0', out],
      ],
      { signal: options.signal, maxBuffer: 4 * 1024 * 1024 },
    );
  } catch (err) {
    if (options.signal.aborted) throw err;
    const stderr = String((err as { stderr?: string }).stderr ?? '').trim();
    throw new ShotlineError(
      'DOWNLOAD_FAILED',
      `The ${paths.length} frames ComfyUI saved could not be joined into a clip: ${stderr || (err as Error).message}`,
    );
  }
  return out;
}
