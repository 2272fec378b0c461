// Jest hooks for a suite against the fake ComfyUI: a test clip, a fresh server per test, backends called directly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { comfyBackendHarness, type ComfyBackendHarness } from '../../support/comfy-backend-harness';
import { FakeComfyUI } from '../../support/fake-comfyui';
import { makeTestClip } from '../../support/remote-clip';

export interface FakeComfyUISuite extends ComfyBackendHarness {
  /** This test's server (a new one after startAgain). */
  readonly fake: FakeComfyUI;
  /** The suite's own temp folder (the clip the fake delivers is `clip.mp4` in it). */
  readonly dir: string;
  /** A new server on a new port, for tests that took the old one down. */
  startAgain(): Promise<void>;
}

export function useFakeComfyUI(): FakeComfyUISuite {
  let dir = '';
  let fake: FakeComfyUI | undefined;
  const harness = comfyBackendHarness(() => fake!.url);
  const start = async () => {
    fake = await FakeComfyUI.start(join(dir, 'clip.mp4'));
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shotline-cf-'));
    makeTestClip(join(dir, 'clip.mp4'), { width: 832, height: 480, fps: 16, frames: 17 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(start);
  afterEach(async () => {
    harness.cleanup();
    await fake!.stop();
  });
  return {
    ...harness,
    get fake() {
      return fake!;
    },
    get dir() {
      return dir;
    },
    startAgain: start,
  };
}
