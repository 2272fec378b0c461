// Jest hooks for a suite against the fake DashScope: a test clip, a fresh host per test, backends called directly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  dashScopeBackendHarness,
  type DashScopeBackendHarness,
} from '../../support/dashscope-backend-harness';
import { FakeDashScope } from '../../support/fake-dashscope';
import { makeTestClip } from '../../support/remote-clip';

export interface FakeDashScopeSuite extends DashScopeBackendHarness {
  readonly fake: FakeDashScope;
  /** Replaces this test's host (stopped or not) with a new one, for the given region. */
  startAgain(region?: string): Promise<void>;
}

export function useFakeDashScope(apiKey: string, clip: { fps: number; frames: number }): FakeDashScopeSuite {
  let dir = '';
  let fake: FakeDashScope | undefined;
  const harness = dashScopeBackendHarness(() => fake!.url, apiKey);
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shotline-ds-'));
    makeTestClip(join(dir, 'clip.mp4'), { width: 832, height: 480, ...clip });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    fake = await FakeDashScope.start(apiKey, join(dir, 'clip.mp4'));
  });
  afterEach(async () => {
    harness.cleanup();
    await fake!.stop();
  });
  return {
    ...harness,
    get fake() {
      return fake!;
    },
    startAgain: async (region = 'beijing') => {
      await fake!.stop();
      fake = await FakeDashScope.start(apiKey, join(dir, 'clip.mp4'), region);
    },
  };
}
