// Model backends' clips get "AI DRAFT" burned in (unless turned off); the slate draws its own label.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Companion } from '../../companion/companion';
import { waitForJobs } from '../../companion/cli/run-jobs';
import { locateTool } from '../../companion/media/tool-locator';

const W = 320;
const H = 180;

async function render(burnInLabel: boolean, dir: string): Promise<Buffer> {
  const companion = new Companion({
    outputDir: dir,
    backends: ['synthetic'],
    backendSettings: { synthetic: { delayMs: 0 } },
    burnInLabel,
  });
  try {
    const out = join(dir, `label-${burnInLabel}.mp4`);
    const jobs = companion.submit(
      [
        {
          shotId: 'L1',
          prompt: 'x',
          duration: { frames: 3 },
          fps: { num: 24, den: 1 },
          size: { width: W, height: H },
          backend: 'synthetic',
          takes: 1,
        },
      ],
      { ownerId: 't', outPath: out },
    );
    const result = await waitForJobs(companion, jobs, () => undefined);
    expect(result.failed.map((j) => j.error)).toEqual([]);
    return execFileSync(locateTool('ffmpeg'), [
      '-v',
      'error',
      '-i',
      out,
      '-frames:v',
      '1',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      '-',
    ]);
  } finally {
    await companion.close();
  }
}

/** Share of strongly red pixels in the top-left label area. */
function redShare(rgb: Buffer): number {
  let red = 0;
  let total = 0;
  for (let y = 8; y < 30; y++) {
    for (let x = 8; x < 120; x++) {
      const i = (y * W + x) * 3;
      total++;
      if (rgb[i]! > 150 && rgb[i + 1]! < 90 && rgb[i + 2]! < 100) red++;
    }
  }
  return red / total;
}

test('the draft label is burned into model clips and can be turned off', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shotline-label-'));
  try {
    expect(redShare(await render(true, dir))).toBeGreaterThan(0.3);
    expect(redShare(await render(false, dir))).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
