// The CLI answers at once: each command loads only the packages it uses (npm test builds dist/ first).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, SHOTLINE_BIN } from '../support/repo-root';

const PROBE = join(REPO_ROOT, 'test', 'support', 'module-probe.js');

function packagesLoaded(args: string[]): { packages: string[]; status: number | null; stdout: string } {
  const run = spawnSync(process.execPath, ['-r', PROBE, SHOTLINE_BIN, ...args], { encoding: 'utf8' });
  const line = run.stderr.split('\n').find((l) => l.startsWith('shotline-modules '));
  if (!line) throw new Error(`no module list from shotline ${args.join(' ')}: ${run.stderr}`);
  return {
    packages: JSON.parse(line.slice('shotline-modules '.length)) as string[],
    status: run.status,
    stdout: run.stdout,
  };
}

const CLUSTER_AND_HTTP = ['bullmq', 'ioredis', 'undici'];

test('--version loads nothing but commander', () => {
  const { packages, status, stdout } = packagesLoaded(['--version']);
  expect(status).toBe(0);
  expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  expect(packages.filter((p) => p !== 'commander')).toEqual([]);
});

test('generate --help lists its options without loading the heavy packages', () => {
  const { packages, status, stdout } = packagesLoaded(['generate', '--help']);
  expect(status).toBe(0);
  expect(stdout).toContain('--prompt <text>');
  expect(stdout).toContain('--backend <name>');
  expect(packages).not.toEqual(expect.arrayContaining(['zod']));
  for (const heavy of [...CLUSTER_AND_HTTP, 'onnxruntime-node', '@napi-rs/canvas', 'pino', 'cli-progress']) {
    expect(packages).not.toContain(heavy);
  }
});

test('export-wan --help names its flags and loads only commander (the runner is imported in the action)', () => {
  const { packages, status, stdout } = packagesLoaded(['export-wan', '--help']);
  expect(status).toBe(0);
  expect(stdout).toContain('--wan-source <dir>');
  expect(packages.filter((p) => p !== 'commander')).toEqual([]);
});

test('generate --backend slate renders a clip without BullMQ, ioredis or undici', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shotline-cli-startup-'));
  try {
    const out = join(dir, 'clip.mp4');
    const args = ['generate', '--prompt', 'a quiet harbour', '--backend', 'slate', '--duration', '0.5'];
    const { packages, status } = packagesLoaded([...args, '--size', '320x180', '--out', out]);
    expect(status).toBe(0);
    for (const heavy of CLUSTER_AND_HTTP) expect(packages).not.toContain(heavy);
    // Not a terminal here: plain lines, so the bar library stays unloaded.
    expect(packages).not.toContain('cli-progress');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
