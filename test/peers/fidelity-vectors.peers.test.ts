// The committed fidelity vectors are what real CPU torch and Wan2.2's own prompt cleaning give today: regenerated
// with tools/fidelity-vectors/run.sh (torch, ftfy, regex from pip's configuration) and compared with test/fixtures.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanPrompt } from '../../companion/backends/onnx/prompt-clean';
import { torchRandn } from '../../companion/backends/onnx/torch-random';
import { fixturePath } from '../support/fixtures';
import { REPO_ROOT } from '../support/repo-root';
import { describeWithPeer } from './peer-suite';

interface CleanVectors {
  cases: { input: string; cleaned: string }[];
}
interface NoiseVectors {
  cases: { seed: number; n: number; bits: number[] }[];
}

describeWithPeer(
  'fidelity vectors from real torch and the official Wan2.2 source',
  { name: 'wan2.2', marker: '.' },
  (wanDir) => {
    let outDir: string;
    const read = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;
    beforeAll(() => {
      outDir = mkdtempSync(join(tmpdir(), 'shotline-fidelity-'));
      const run = spawnSync(
        'bash',
        [join(REPO_ROOT, 'tools', 'fidelity-vectors', 'run.sh'), '--wan', wanDir, '--out', outDir],
        { encoding: 'utf8', timeout: 540_000 },
      );
      if (run.status !== 0)
        throw new Error(`tools/fidelity-vectors/run.sh failed: ${run.stderr || run.stdout}`);
    });
    afterAll(() => rmSync(outDir, { recursive: true, force: true }));

    test('Wan cleans the prompts as committed, and so does cleanPrompt', () => {
      const fresh = read<CleanVectors>(join(outDir, 'prompt-clean', 'wan-clean.json'));
      expect(fresh.cases).toEqual(read<CleanVectors>(fixturePath('prompt-clean/wan-clean.json')).cases);
      for (const c of fresh.cases) expect(cleanPrompt(c.input)).toBe(c.cleaned);
    });

    test('torch.randn gives the committed bits, and torchRandn matches them to the last bit but rarely', () => {
      const fresh = read<NoiseVectors>(join(outDir, 'torch-noise', 'randn-cpu.json'));
      expect(fresh.cases).toEqual(read<NoiseVectors>(fixturePath('torch-noise/randn-cpu.json')).cases);
      for (const c of fresh.cases) {
        const got = new Int32Array(torchRandn(c.seed, new Float32Array(c.n)).buffer);
        const off = Array.from(got, (bits, i) => Math.abs(bits - c.bits[i]!));
        expect(Math.max(...off)).toBeLessThanOrEqual(1);
        expect(off.filter((u) => u > 0).length).toBeLessThanOrEqual(Math.floor(c.n / 1000));
      }
    });
  },
);
