// The Python side of the Wan peer suites: tools/wan-export's venv (its setup script, pip's configuration) and
// tiny random-weight checkpoints built with Wan's own classes from the official source.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTokenizerJson } from '../../companion/backends/onnx/test-model/tokenizer-json';
import { REPO_ROOT } from '../support/repo-root';

export const WAN_TOOL = join(REPO_ROOT, 'tools', 'wan-export');
export type WanVariant = 'wan22-a14b' | 'wan22-i2v-a14b' | 'wan22-5b';

/** The venv's python (made on the first run, a minute or two; reused after). */
export function wanPython(): string {
  return execFileSync('bash', [join(WAN_TOOL, 'setup.sh')], { encoding: 'utf8', timeout: 540_000 }).trim();
}

export function runWanTool(python: string, script: string, args: string[]): string {
  return execFileSync(python, [join(WAN_TOOL, script), ...args], {
    encoding: 'utf8',
    timeout: 300_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** A tiny official-layout checkpoint folder; the tokenizer is the tiny umT5-style one the test bundle uses. */
export function makeTinyCheckpoint(python: string, wan: string, dir: string, variant: WanVariant): string {
  const tokenizer = join(dir, 'tokenizer.json');
  writeFileSync(tokenizer, JSON.stringify(buildTokenizerJson().json));
  const checkpoint = join(dir, `${variant}-ckpt`);
  runWanTool(python, 'make_tiny.py', [
    checkpoint,
    '--variant',
    variant,
    '--tokenizer',
    tokenizer,
    '--wan-source',
    wan,
  ]);
  return checkpoint;
}
