// doctor's file checks on real tiny bundles: Git LFS pointers and external data shorter than the graph needs.
import { readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleHealth, TEST_PROMPT } from '../../../companion/backends/onnx/doctor-checks';
import {
  externalDataExtents,
  fileProblems,
  lfsPointerSize,
} from '../../../companion/backends/onnx/file-integrity';
import { readBundle } from '../../../companion/backends/onnx/bundle';
import { tinyBundle } from './tiny-bundle';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));
async function fresh(): Promise<string> {
  const b = await tinyBundle();
  cleanups.push(b.cleanup);
  return b.dir;
}

/** What `git clone` without `git lfs pull` leaves in place of a large file (git-lfs docs/spec.md). */
const pointer = (size: number) =>
  `version https://git-lfs.github.com/spec/v1\noid sha256:${'ab'.repeat(32)}\nsize ${size}\n`;

test('an intact bundle: every initialiser’s reach is inside its data file, and nothing is reported', async () => {
  const dir = await fresh();
  const extents = externalDataExtents(readFileSync(join(dir, 'dit.onnx')));
  expect([...extents.keys()]).toEqual(['dit.onnx.data']);
  const reach = extents.get('dit.onnx.data')!;
  expect(reach).toBeGreaterThan(0);
  expect(reach).toBeLessThanOrEqual(statSync(join(dir, 'dit.onnx.data')).size);
  const b = readBundle(dir);
  expect(fileProblems(b.manifest, b.path)).toEqual([]);
});

test('a truncated external-data file is named, with the bytes it holds and the bytes the graph needs', async () => {
  const dir = await fresh();
  const data = join(dir, 'dit.onnx.data');
  const reach = externalDataExtents(readFileSync(join(dir, 'dit.onnx'))).get('dit.onnx.data')!;
  truncateSync(data, reach - 1);
  const b = readBundle(dir);
  expect(fileProblems(b.manifest, b.path)).toEqual([
    {
      file: 'dit.onnx.data',
      sentence: `dit.onnx.data holds ${reach - 1} bytes, but dit.onnx's weights reach byte ${reach}: the download is truncated; fetch it again.`,
    },
  ]);
});

test('Git LFS pointers in place of a graph, its data or the tokenizer say to run git lfs pull', async () => {
  const dir = await fresh();
  writeFileSync(join(dir, 'dit.onnx.data'), pointer(7_800_000_000));
  writeFileSync(join(dir, 'vae_decoder.onnx'), pointer(300_000_000));
  writeFileSync(join(dir, 'google/umt5-xxl/tokenizer.json'), pointer(16_837_417));
  expect(lfsPointerSize(join(dir, 'dit.onnx.data'))).toBe(7_800_000_000);
  expect(lfsPointerSize(join(dir, 'dit.onnx'))).toBeUndefined();
  const b = readBundle(dir);
  expect(fileProblems(b.manifest, b.path).map((p) => p.sentence)).toEqual([
    'google/umt5-xxl/tokenizer.json is a Git LFS pointer (0.0 GB not downloaded): run "git lfs pull" in the bundle folder.',
    'dit.onnx.data is a Git LFS pointer (7.8 GB not downloaded): run "git lfs pull" in the bundle folder.',
    'vae_decoder.onnx is a Git LFS pointer (0.3 GB not downloaded): run "git lfs pull" in the bundle folder.',
  ]);
  const health = bundleHealth(dir);
  expect(health.tokenizer.ok).toBe(false);
  expect(health.memory).toEqual(['not estimated: the files above are not the real weights yet']);
});

test('the tokenizer gives real tokens for an English and Chinese test prompt; the estimate covers each size', async () => {
  const dir = await fresh();
  const health = bundleHealth(dir, [{ width: 48, height: 32 }]);
  expect(TEST_PROMPT).toMatch(/[a-z].*[\u4e00-\u9fff]/);
  expect(health.tokenizer.ok).toBe(true);
  expect(health.tokenizer.detail).toMatch(/^\d+ tokens for the test prompt \(ids( \d+)+/);
  expect(health.memory).toEqual([
    expect.stringMatching(
      /^48x32x17 --residency all: about \d+\.\d GB at \w+ \(.*expert:dense.* resident\)$/,
    ),
    expect.stringMatching(/^48x32x17 --residency one: about \d+\.\d GB at \w+/),
  ]);
});

test('with a GPU known, the defaults each --quality would choose on it; none when its memory is unknown', async () => {
  const dir = await fresh();
  const gpu = {
    name: 'Card',
    totalBytes: 24e9,
    freeBytes: 20e9,
    usableBytes: 20e9,
    source: 'nvidia-smi' as const,
  };
  expect(bundleHealth(dir, undefined, [gpu]).defaults).toEqual([
    expect.stringMatching(/^--quality draft: 48x32, --residency all, about \d+\.\d GB of 20\.0 GB$/),
    expect.stringMatching(/^--quality final: 48x32, --residency all, about \d+\.\d GB of 20\.0 GB$/),
  ]);
  expect(bundleHealth(dir).defaults).toEqual([]);
});
