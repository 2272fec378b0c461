// `shotline doctor --backend`: one line per check, JSON in the protocol's own schema, exit 1 when it cannot run.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { PreflightResultSchema } from '../../shared/protocol';
import { startDaemon } from '../support/daemon-process';
import { waitFor } from '../support/remote-harness';
import { SHOTLINE_BIN } from '../support/repo-root';
import { useFakeComfyUI } from './comfyui/fake-comfyui-hooks';

const suite = useFakeComfyUI();

function doctor(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [SHOTLINE_BIN, 'doctor', ...args],
      { env: { ...process.env, DASHSCOPE_API_KEY: '' }, timeout: 30_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

test('on a ComfyUI without models, --json lists exactly the files the template needs and exits 1', async () => {
  suite.fake.models.clear();
  suite.fake.encoders.clear();
  const { code, stdout, stderr } = await doctor([
    '--backend',
    'comfyui',
    '--comfyui-url',
    suite.fake.url,
    '--json',
  ]);
  expect(code).toBe(1);
  expect(stderr).toContain('comfyui cannot run yet');
  const [result] = z.array(PreflightResultSchema).parse(JSON.parse(stdout));
  expect(result!.state).toBe('needs');
  expect(
    result!.checks
      .filter((c) => c.status === 'missing')
      .map((c) => c.check)
      .sort(),
  ).toEqual([
    'file:models/diffusion_models/wan2.2_t2v_high_noise_14B_fp8_scaled.safetensors',
    'file:models/diffusion_models/wan2.2_t2v_low_noise_14B_fp8_scaled.safetensors',
    'file:models/text_encoders/umt5_xxl_fp8_e4m3fn_scaled.safetensors',
    'file:models/vae/wan_2.1_vae.safetensors',
  ]);
});

test('a ready ComfyUI and the slate print one line per check and exit 0', async () => {
  const { code, stdout } = await doctor(['--backend', 'comfyui', 'slate', '--comfyui-url', suite.fake.url]);
  expect(code).toBe(0);
  expect(stdout.split('\n')).toEqual([
    'comfyui: ready',
    `  ok      ComfyUI 0.3.64 answers at ${suite.fake.url} on cuda:0 Fake GPU (24.0 GiB VRAM).`,
    'slate: ready',
    '  ok      The embedded slate needs no GPU, model or key.',
    '',
  ]);
});

test('dashscope without a key, and a workflow file that does not load, each say what to fix', async () => {
  const bad = join(suite.dir, 'broken.json');
  writeFileSync(bad, '{ not json');
  const { code, stdout } = await doctor(['--backend', 'dashscope', 'comfyui', '--comfyui-workflow', bad]);
  expect(code).toBe(1);
  expect(stdout).toContain(
    '  MISSING No DashScope API key: set DASHSCOPE_API_KEY, or pass --dashscope-key-file.',
  );
  expect(stdout).toContain('  ok      The beijing region serves wan2.2-t2v-plus.');
  expect(stdout).toMatch(
    /comfyui: needs\n {2}WRONG {3}The ComfyUI workflow .*broken\.json cannot be used: it is not JSON/,
  );
});

test('serve says at start-up what its ComfyUI lacks, after READY', async () => {
  suite.fake.models.clear();
  const dataDir = mkdtempSync(join(tmpdir(), 'shotline-doctor-serve-'));
  const daemon = await startDaemon(dataDir, {}, ['--backends', 'comfyui', '--comfyui-url', suite.fake.url]);
  try {
    await waitFor(() => daemon.stdout().includes('comfyui: needs'));
    expect(daemon.stdout()).toContain(
      '  MISSING ComfyUI has no wan2.2_t2v_low_noise_14B_fp8_scaled.safetensors in models/diffusion_models (node 56, UNETLoader)',
    );
    expect(suite.fake.submitted).toEqual([]);
  } finally {
    await daemon.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
