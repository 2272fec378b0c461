// Calling the DashScope backend directly against a fake host: quick timings, repeatable jitter, contexts cleaned up.
import { DashScopeBackend } from '../../companion/backends/dashscope/dashscope-backend';
import type { DashScopeSettings } from '../../companion/backends/dashscope/dashscope-settings';
import type { GenerationResult } from '../../companion/backends/backend';
import type { ShotRequest } from '../../shared/protocol';
import { testContext, testShot, type TestContext } from './backend-context';

export interface DashScopeBackendHarness {
  backend(settings?: DashScopeSettings): DashScopeBackend;
  ctx(checkpoint?: Record<string, unknown>): TestContext;
  run(
    backend: DashScopeBackend,
    ctx?: TestContext,
    shot?: ShotRequest,
    frames?: number,
  ): Promise<GenerationResult>;
  cleanup(): void;
}

export function dashScopeBackendHarness(url: () => string, apiKey: string): DashScopeBackendHarness {
  const contexts: TestContext[] = [];
  const harness: DashScopeBackendHarness = {
    backend: (settings = {}) =>
      new DashScopeBackend({
        baseUrl: url(),
        apiKey,
        pollIntervalMs: 5,
        retryBaseMs: 5,
        retryMaxMs: 20,
        maxRetries: 2,
        requestTimeoutMs: 2_000,
        random: () => 0.5,
        ...settings,
      }),
    ctx: (checkpoint) => {
      const c = testContext(checkpoint);
      contexts.push(c);
      return c;
    },
    run: (b, c = harness.ctx(), shot = testShot(), frames = 24) =>
      b.generate({ shot, take: 1, seed: 42, frames }, c),
    cleanup: () => contexts.splice(0).forEach((c) => c.cleanup()),
  };
  return harness;
}
