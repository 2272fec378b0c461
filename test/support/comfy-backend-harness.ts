// Calling the ComfyUI backend directly in tests: quick timings, contexts cleaned up, failures caught as coded errors.
import { ComfyUIBackend } from '../../companion/backends/comfyui/comfyui-backend';
import type { ComfyUISettings } from '../../companion/backends/comfyui/comfyui-settings';
import type { GenerationResult } from '../../companion/backends/backend';
import { testContext, testShot, type TestContext } from './backend-context';

export interface ComfyBackendHarness {
  backend(settings?: ComfyUISettings): ComfyUIBackend;
  ctx(checkpoint?: Record<string, unknown>): TestContext;
  run(backend: ComfyUIBackend, ctx?: TestContext): Promise<GenerationResult>;
  cleanup(): void;
}

/** `url()` is read at each call, so a server restarted on a new port is still found. */
export function comfyBackendHarness(url: () => string, defaults: ComfyUISettings = {}): ComfyBackendHarness {
  const contexts: TestContext[] = [];
  const harness: ComfyBackendHarness = {
    backend: (settings = {}) =>
      new ComfyUIBackend({
        url: url(),
        historyPollMs: 20,
        reconnectMs: 20,
        unreachableAfterMs: 250,
        requestTimeoutMs: 1_000,
        ...defaults,
        ...settings,
      }),
    ctx: (checkpoint) => {
      const c = testContext(checkpoint);
      contexts.push(c);
      return c;
    },
    run: (b, c = harness.ctx()) =>
      b.generate({ shot: testShot({ backend: 'comfyui' }), take: 1, seed: 7, frames: 24 }, c),
    cleanup: () => contexts.splice(0).forEach((c) => c.cleanup()),
  };
  return harness;
}
