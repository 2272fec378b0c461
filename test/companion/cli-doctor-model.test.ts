// `shotline doctor --model DIR`: files, tokenizer and the memory estimate per size, before any graph is opened.
import { execFile } from 'node:child_process';
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PreflightResultSchema } from '../../shared/protocol';
import { SHOTLINE_BIN } from '../support/repo-root';
import { tinyBundle } from './onnx/tiny-bundle';

function doctor(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [SHOTLINE_BIN, 'doctor', ...args],
      { timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

test('a complete bundle: files ok, tokens for the test prompt, the estimate for the size asked, then the graphs', async () => {
  const bundle = await tinyBundle();
  try {
    const { code, stdout } = await doctor([
      '--model',
      bundle.dir,
      '--no-open',
      '--size',
      '48x32',
      '--provider',
      'cpu',
    ]);
    const lines = stdout.split('\n');
    expect(code).toBe(0);
    expect(lines).toContain('  ok   every graph and its external data is complete (no LFS pointers)');
    expect(lines.find((l) => l.includes('tokenizer'))).toMatch(
      /^ {2}ok {3}tokenizer {10}\d+ tokens for the test prompt/,
    );
    const memory = lines.slice(
      lines.indexOf('Estimated GPU memory (weights on disk + activations + 1 GiB runtime):') + 1,
    );
    expect(memory.slice(0, 2)).toEqual([
      expect.stringMatching(/^ {2}48x32x17 --residency all: about \d+\.\d GB at /),
      expect.stringMatching(/^ {2}48x32x17 --residency one: about \d+\.\d GB at /),
    ]);
    // The graphs are checked once, in the onnx backend's block.
    expect(lines).toContain('  ok      expert:dense: opset 17 (not opened)');
  } finally {
    bundle.cleanup();
  }
});

test('a truncated data file fails the check with its sentence, before any graph is opened', async () => {
  const bundle = await tinyBundle();
  try {
    truncateSync(join(bundle.dir, 'dit.onnx.data'), 100);
    const { code, stdout, stderr } = await doctor(['--model', bundle.dir, '--no-open', '--provider', 'cpu']);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /FAIL dit\.onnx\.data +dit\.onnx\.data holds 100 bytes, but dit\.onnx's weights reach byte \d+: the download is truncated; fetch it again\./,
    );
    expect(stdout).not.toContain('Estimated GPU memory');
    expect(stdout).not.toMatch(/expert:dense: opset/);
    expect(stderr).toContain('onnx cannot run yet');
  } finally {
    bundle.cleanup();
  }
});

test('the onnx preflight (doctor --backend onnx, as the panel shows it) names a Git LFS pointer as the check that fails', async () => {
  const bundle = await tinyBundle();
  try {
    const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${'cd'.repeat(32)}\nsize 7800000000\n`;
    writeFileSync(join(bundle.dir, 'dit.onnx.data'), pointer);
    const args = ['--backend', 'onnx', '--model', bundle.dir, '--no-open', '--provider', 'cpu', '--json'];
    const { code, stdout } = await doctor(args);
    expect(code).toBe(1);
    const [result] = z.array(PreflightResultSchema).parse(JSON.parse(stdout));
    expect(result!.checks.filter((c) => c.status !== 'ok')).toEqual([
      {
        check: 'file:dit.onnx.data',
        status: 'wrong',
        sentence:
          'dit.onnx.data is a Git LFS pointer (7.8 GB not downloaded): run "git lfs pull" in the bundle folder.',
      },
    ]);
  } finally {
    bundle.cleanup();
  }
});
