// `shotline render-script` of the 8-shot example at --jobs 1 and at the default, against ffmpeg alone encoding
// the same number of raw clips one after another.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultJobs } from '../companion/cli/commands/progress-flags';
import { locateTool } from '../companion/media/tool-locator';
import { REPO_ROOT, SHOTLINE_BIN } from '../test/support/repo-root';
import { rawEncodeArgs, slateYuvFrames } from './slate-encode';
import { sampledRow, type BenchRow } from './table';

const W = 640;
const H = 360;
const SECONDS = 2;
const FRAMES = SECONDS * 24;
const CLIPS = 8;
const SCRIPT = join(REPO_ROOT, 'examples', 'night-drop.fountain');

export function benchRenderScript(runs = 3): BenchRow[] {
  const dir = mkdtempSync(join(tmpdir(), 'shotline-bench-script-'));
  try {
    const rawPath = join(dir, 'frames.yuv');
    const frames = slateYuvFrames({
      width: W,
      height: H,
      fps: { num: 24, den: 1 },
      frames: FRAMES,
      shotId: 'S1-01',
      take: 1,
      description: 'Kai leaps from the edge and lands on the next roof.',
      seed: 1,
      label: 'AI PREVIZ DRAFT',
    });
    writeFileSync(rawPath, frames);
    const ffmpeg = locateTool('ffmpeg');
    const baseline: number[] = [];
    const byJobs = new Map<number, number[]>();
    const jobCounts = [...new Set([1, defaultJobs()])];
    for (let run = 0; run < runs; run++) {
      let t = performance.now();
      for (let clip = 0; clip < CLIPS; clip++)
        execFileSync(ffmpeg, rawEncodeArgs(rawPath, W, H, FRAMES, join(dir, `raw-${clip}.mp4`)));
      baseline.push(performance.now() - t);
      for (const jobs of jobCounts) {
        const out = join(dir, `jobs-${jobs}-${run}`);
        const args = ['--size', `${W}x${H}`, '--duration', String(SECONDS), '--fps', '24'];
        t = performance.now();
        execFileSync(process.execPath, [
          SHOTLINE_BIN,
          'render-script',
          SCRIPT,
          '--out',
          out,
          '--jobs',
          String(jobs),
          '--quiet',
          ...args,
        ]);
        byJobs.set(jobs, [...(byJobs.get(jobs) ?? []), performance.now() - t]);
      }
    }
    return jobCounts.map((jobs) =>
      sampledRow(
        `render-script night-drop (${CLIPS} clips ${W}x${H} ${SECONDS} s) --jobs ${jobs}`,
        byJobs.get(jobs)!,
        `ffmpeg encode of ${CLIPS} clips of the same yuv420p frames, same arguments, one after another`,
        baseline,
        `${runs} runs; the whole CLI process (start-up, index.json, sidecars, posters)` +
          (jobs === defaultJobs() ? `; --jobs ${jobs} is the default on this machine` : ''),
      ),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
