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

    test('a real take’s worth of torch.randn (2,096,640 values, 832x480x81 latents) is matched bit for bit', () => {
      // The venv run.sh made in beforeAll; a seed and a size the committed vectors do not hold.
      const python = join(
        process.env.SHOTLINE_FIDELITY_VENV ?? join(REPO_ROOT, '.peers', 'fidelity-venv'),
        'bin',
        'python',
      );
      const file = join(outDir, 'big.f32');
      const script = `import torch; torch.manual_seed(2024); torch.randn(2096640).numpy().tofile(${JSON.stringify(file)})`;
      const run = spawnSync(python, ['-c', script], { encoding: 'utf8', timeout: 120_000 });
      if (run.status !== 0) throw new Error(`torch.randn failed: ${run.stderr}`);
      const want = new Int32Array(new Uint8Array(readFileSync(file)).buffer);
      const got = new Int32Array(torchRandn(2024, new Float32Array(want.length)).buffer);
      let differing = 0;
      for (let i = 0; i < want.length; i++) if (want[i] !== got[i]) differing++;
      expect(differing).toBe(0);
    });

    test('torch.randn gives the committed bits, and torchRandn the same bits', () => {
      const fresh = read<NoiseVectors>(join(outDir, 'torch-noise', 'randn-cpu.json'));
      expect(fresh.cases).toEqual(read<NoiseVectors>(fixturePath('torch-noise/randn-cpu.json')).cases);
      for (const c of fresh.cases) {
        const got = new Int32Array(torchRandn(c.seed, new Float32Array(c.n)).buffer);
        expect(Array.from(got)).toEqual(c.bits);
      }
    });
  },
);
