// The committed scheduler vectors are what Wan2.2's own scheduler computes today: regenerated from the official
// source (CPU torch from pip's configuration) and compared with test/fixtures/scheduler-vectors.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath } from '../support/fixtures';
import { REPO_ROOT } from '../support/repo-root';
import { describeWithPeer } from './peer-suite';

interface Vector {
  timesteps: number[];
  sigmas: number[];
  x0: number[];
  out: number[];
}

describeWithPeer(
  'scheduler vectors from the official Wan2.2 source',
  { name: 'wan2.2', marker: '.' },
  (wanDir) => {
    let outDir: string;
    beforeAll(() => {
      outDir = mkdtempSync(join(tmpdir(), 'shotline-vectors-'));
      const run = spawnSync(
        'bash',
        [join(REPO_ROOT, 'tools', 'scheduler-vectors', 'run.sh'), '--wan', wanDir, '--out', outDir],
        {
          encoding: 'utf8',
          timeout: 540_000,
        },
      );
      if (run.status !== 0)
        throw new Error(`tools/scheduler-vectors/run.sh failed: ${run.stderr || run.stdout}`);
    });
    afterAll(() => rmSync(outDir, { recursive: true, force: true }));

    const committed = readdirSync(fixturePath('scheduler-vectors')).filter((f) => f.endsWith('.json'));

    test.each(committed)('%s is reproduced (timesteps exactly, the rest to float32 rounding)', (file) => {
      const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Vector;
      const fresh = read(join(outDir, file));
      const kept = read(fixturePath(join('scheduler-vectors', file)));
      expect(fresh.timesteps).toEqual(kept.timesteps);
      for (const key of ['sigmas', 'x0', 'out'] as const) {
        const worst = Math.max(...fresh[key].map((v, i) => Math.abs(v - kept[key][i]!)));
        expect(worst).toBeLessThan(1e-6);
      }
    });
  },
);
