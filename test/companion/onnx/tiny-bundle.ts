// Test helpers: a tiny bundle in a temp dir, a fake generation context, and frame collection.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GenerationContext, GenerationProgress } from '../../../companion/backends/backend';
import {
  makeTestBundle,
  type TestBundleOptions,
} from '../../../companion/backends/onnx/test-model/make-test-bundle';
import type { ShotRequest } from '../../../shared/protocol';

export async function tinyBundle(options: TestBundleOptions = {}): Promise<{ dir: string; cleanup(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'shotline-tiny-'));
  await makeTestBundle(dir, options);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function fakeContext(
  signal = new AbortController().signal,
): GenerationContext & { progress: GenerationProgress[] } {
  const progress: GenerationProgress[] = [];
  return {
    signal,
    progress,
    onProgress: (p) => progress.push(p),
    checkpoint: { read: () => undefined, write: () => undefined },
    workDir: tmpdir(),
  };
}

export function shot(overrides: Partial<ShotRequest> = {}): ShotRequest {
  return {
    shotId: 'S1-01',
    prompt: 'Kai leaps from the edge of the roof as a fuel tank explodes behind him.',
    duration: { seconds: 1 },
    fps: { num: 24, den: 1 },
    size: { width: 320, height: 180 },
    backend: 'onnx',
    takes: 1,
    ...overrides,
  };
}

export async function collect(frames: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  // The backend reuses its frame buffer: keep copies.
  for await (const frame of frames) out.push(frame.slice());
  return out;
}
