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
import { A14B_T2V_FILE_CHECKS } from '../support/a14b-template-files';

const suite = useFakeComfyUI();

function doctor(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [SHOTLINE_BIN, 'doctor', ...args],
      { env: { ...process.env, DASHSCOPE_API_KEY: '', ...env }, timeout: 30_000 },
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
  ).toEqual(A14B_T2V_FILE_CHECKS);
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

const Results = z.array(PreflightResultSchema);

test('without --backend, every configured backend gets a block; only the default failing exits 1', async () => {
  suite.fake.models.clear();
  const asDefault = await doctor(['--comfyui-url', suite.fake.url, '--default-backend', 'comfyui', '--json']);
  expect(asDefault.code).toBe(1);
  expect(asDefault.stderr).toContain('comfyui cannot run yet');
  const results = Results.parse(JSON.parse(asDefault.stdout));
  // No key in the environment and no --model: DashScope and onnx are not set up, so not reported as lacking.
  expect(results.map((r) => [r.backend, r.state])).toEqual([
    ['slate', 'ready'],
    ['comfyui', 'needs'],
  ]);

  // The slate is the default: the ComfyUI block still says what it lacks, and doctor exits 0.
  const slateDefault = await doctor(['--comfyui-url', suite.fake.url]);
  expect(slateDefault.code).toBe(0);
  expect(slateDefault.stdout).toContain(
    '\nslate: ready\n  ok      The embedded slate needs no GPU, model or key.\n',
  );
  expect(slateDefault.stdout).toContain(
    '\n  MISSING ComfyUI has no wan2.2_t2v_high_noise_14B_fp8_scaled.safetensors in models/diffusion_models',
  );
  expect(slateDefault.stdout).toContain('\ncomfyui: needs\n');
  expect(slateDefault.stdout).toMatch(/^Execution providers in onnxruntime-node on /);
});

test('without --backend, a key in the environment makes DashScope configured, checked against its own host', async () => {
  const { code, stdout } = await doctor(['--dashscope-base-url', 'http://127.0.0.1:9', '--json'], {
    DASHSCOPE_API_KEY: 'sk-test',
  });
  expect(code).toBe(0);
  const results = Results.parse(JSON.parse(stdout));
  expect(results.map((r) => [r.backend, r.state])).toEqual([
    ['slate', 'ready'],
    ['dashscope', 'unreachable'],
  ]);
  const bare = await doctor(['--json']);
  expect(Results.parse(JSON.parse(bare.stdout)).map((r) => r.backend)).toEqual(['slate']);
});
