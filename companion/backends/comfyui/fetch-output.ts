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
  const frameTime = 1 / options.fps;
  if (saved.kind === 'frames')
    return joinFrames(
      paths.map((path) => ({ path, seconds: frameTime })),
      options,
    );
  // ffmpeg decodes animated WEBP only from release 8 on (the bundled one is older): libvips splits it into frames.
  if (/\.webp$/i.test(paths[0]!)) return joinFrames(await webpFrames(paths[0]!, options), options);
  return paths[0]!;
}

interface Still {
  path: string;
  seconds: number;
}

/** Each page with its own display time: libwebp merges identical neighbours into one longer page. */
async function webpFrames(path: string, options: FetchOptions): Promise<Still[]> {
  let pages: number;
  let delays: number[];
  try {
    const meta = await sharp(path, { animated: true }).metadata();
    pages = meta.pages ?? 1;
    delays = meta.delay ?? [];
  } catch (err) {
    throw new ShotlineError(
      'DOWNLOAD_FAILED',
      `The animated WEBP ComfyUI saved is not readable: ${(err as Error).message}`,
      { params: { detail: (err as Error).message, case: 'webp' } },
    );
  }
  const frames: Still[] = [];
  for (let page = 0; page < pages; page++) {
    const out = join(options.workDir, `comfyui-${options.tag}-webp-${String(page).padStart(5, '0')}.png`);
    await sharp(path, { page }).png({ compressionLevel: 1 }).toFile(out);
    const ms = delays[page];
    frames.push({ path: out, seconds: ms && ms > 0 ? ms / 1000 : 1 / options.fps });
  }
  return frames;
}

/** ffmpeg's concat list keeps the order and each still's time; FFV1 loses nothing before conform. */
async function joinFrames(stills: Still[], options: FetchOptions): Promise<string> {
  const list = join(options.workDir, `comfyui-${options.tag}-frames.txt`);
  const quote = (p: string) => `'${p.replace(/'/g, "'\\''")}'`;
  // The last entry is repeated: the concat demuxer ignores the duration of the final file.
  const lines = [...stills, stills.at(-1)!].map((s) => `file ${quote(s.path)}\nduration ${s.seconds}`);
  await writeFile(list, `ffconcat version 1.0\n${lines.join('\n')}\n`);
  const frames = Math.max(1, Math.round(stills.reduce((sum, s) => sum + s.seconds, 0) * options.fps));
  const out = join(options.workDir, `comfyui-${options.tag}-frames.mkv`);
  try {
    await run(
      locateTool('ffmpeg'),
      [
        ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-y'],
        ...['-f', 'concat', '-safe', '0', '-i', list],
        ...['-frames:v', String(frames), '-vsync', 'cfr', '-r', String(options.fps)],
        ...['-c:v', 'ffv1', '-pix_fmt', 'bgr0', out],
      ],
      { signal: options.signal, maxBuffer: 4 * 1024 * 1024 },
    );
  } catch (err) {
    if (options.signal.aborted) throw err;
    const stderr = String((err as { stderr?: string }).stderr ?? '').trim();
    throw new ShotlineError(
      'DOWNLOAD_FAILED',
      `The ${stills.length} frames ComfyUI saved could not be joined into a clip: ${stderr || (err as Error).message}`,
      { params: { frames: stills.length, detail: stderr || (err as Error).message, case: 'stills' } },
    );
  }
  return out;
}
