// Slate render + encode of a 6 s 1280x720 24 fps clip, against ffmpeg alone encoding the same raw frames.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Companion } from '../companion/companion';
import { defaultDrawThreads } from '../companion/backends/slate/slate-backend';
import { SlatePainter } from '../companion/backends/slate/slate-painter';
import { encoders } from '../companion/media/encoders';
import { locateTool } from '../companion/media/tool-locator';
import { waitForJobs } from '../companion/cli/run-jobs';
import { sampledRow, type BenchRow } from './table';

const W = 1280;
const H = 720;
const FRAMES = 144;

/** ffmpeg alone turning raw RGBA frames into the slate's H.264: the floor any slate render stands against. */
export function rawEncodeArgs(
  rawPath: string,
  width: number,
  height: number,
  frames: number,
  out: string,
): string[] {
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgba',
    '-s',
    `${width}x${height}`,
    '-framerate',
    '24',
    '-i',
    rawPath,
    '-an',
    '-frames:v',
    String(frames),
    '-r',
    '24/1',
    ...encoders.h264.outputArgs({ num: 24, den: 1 }),
    out,
  ];
}

export async function benchSlateEncode(runs = 5): Promise<BenchRow> {
  const dir = mkdtempSync(join(tmpdir(), 'shotline-bench-'));
  try {
    // The baseline's input: the very frames the slate draws, as one raw file.
    const painter = new SlatePainter({
      width: W,
      height: H,
      fps: { num: 24, den: 1 },
      frames: FRAMES,
      shotId: 'BENCH',
      take: 1,
      description:
        'Kai leaps from the edge, turns two full somersaults in the air and lands on the next roof.',
      seed: 1,
      label: 'AI PREVIZ DRAFT',
    });
    const raw = Buffer.concat(Array.from({ length: FRAMES }, (_, i) => Buffer.from(painter.render(i))));
    const rawPath = join(dir, 'frames.rgba');
    writeFileSync(rawPath, raw);
    const ffmpeg = locateTool('ffmpeg');
    const baselineArgs = rawEncodeArgs(rawPath, W, H, FRAMES, join(dir, 'baseline.mp4'));
    const baseline: number[] = [];
    const ours: number[] = [];
    const companion = new Companion({ outputDir: dir });
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      execFileSync(ffmpeg, baselineArgs);
      baseline.push(performance.now() - t);

      t = performance.now();
      const jobs = companion.submit(
        [
          {
            shotId: 'BENCH',
            prompt:
              'Kai leaps from the edge, turns two full somersaults in the air and lands on the next roof.',
            duration: { frames: FRAMES },
            fps: { num: 24, den: 1 },
            size: { width: W, height: H },
            seed: 1,
            backend: 'slate',
            takes: 1,
          },
        ],
        { ownerId: 'bench', outPath: join(dir, `ours-${i}.mp4`) },
      );
      const result = await waitForJobs(companion, jobs, () => undefined);
      if (result.failed.length) throw new Error(result.failed[0]!.error?.message);
      ours.push(performance.now() - t);
    }
    await companion.close();
    return sampledRow(
      'slate 6 s 1280x720@24 render+encode',
      ours,
      'ffmpeg encode of the same 144 raw frames',
      baseline,
      `median of ${runs}, each interleaved with its baseline; includes probe, sha256, sidecar and poster; ` +
        `${FRAMES} frames drawn on ${defaultDrawThreads()} worker thread(s)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
