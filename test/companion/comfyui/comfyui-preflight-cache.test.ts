// Preflight answers through the companion: a ready one is reused, a failing one never is, and a failed job or
// an expired minute makes the next check read the server again.
import { startCompanion, type RunningCompanion } from '../../support/companion-harness';
import { testShot } from '../../support/backend-context';
import { TestPanel } from '../../support/test-panel';
import { useFakeComfyUI } from './fake-comfyui-hooks';

const suite = useFakeComfyUI();
const HIGH_NOISE = 'wan2.2_t2v_high_noise_14B_fp8_scaled.safetensors';

async function withCompanion(ttlMs: number, body: (running: RunningCompanion) => Promise<void>) {
  const running = await startCompanion({
    backends: ['comfyui'],
    preflightTtlMs: ttlMs,
    backendSettings: {
      comfyui: { url: suite.fake.url, requestTimeoutMs: 5_000, historyPollMs: 20, reconnectMs: 20 },
    },
  });
  try {
    await body(running);
  } finally {
    await running.stop();
  }
}

test('a ready answer is reused within its minute: a batch after the panel picked the backend reads nothing', async () => {
  await withCompanion(60_000, async ({ companion }) => {
    expect((await companion.preflight('comfyui'))!.state).toBe('ready');
    expect((await companion.preflight('comfyui'))!.state).toBe('ready');
    await companion.assertReady(['comfyui']);
    expect(suite.fake.objectInfoReads).toBe(1);
  });
});

test('a model that appears after a failed preflight is seen by the very next one', async () => {
  suite.fake.models.delete(HIGH_NOISE);
  await withCompanion(60_000, async ({ companion }) => {
    const first = await companion.preflight('comfyui');
    expect(first!.state).toBe('needs');
    expect(first!.checks.map((c) => c.check)).toContain(`file:models/diffusion_models/${HIGH_NOISE}`);
    suite.fake.models.add(HIGH_NOISE); // the TD copies the file in; ComfyUI lists it on the next /object_info
    expect((await companion.preflight('comfyui'))!.state).toBe('ready');
    expect(suite.fake.objectInfoReads).toBe(2);
  });
});

test('checks asked at once share one read of the server', async () => {
  await withCompanion(60_000, async ({ companion }) => {
    const answers = await Promise.all([1, 2, 3].map(() => companion.preflight('comfyui')));
    expect(answers.map((a) => a!.state)).toEqual(['ready', 'ready', 'ready']);
    expect(suite.fake.objectInfoReads).toBe(1);
  });
});

test('once the minute is over the server is read again, and a model removed since is named', async () => {
  await withCompanion(1, async ({ companion }) => {
    expect((await companion.preflight('comfyui'))!.state).toBe('ready');
    suite.fake.models.delete(HIGH_NOISE);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const again = await companion.preflight('comfyui');
    expect(again!.state).toBe('needs');
    expect(suite.fake.objectInfoReads).toBe(2);
  });
});

test('a job that fails drops the ready answer: the next check reads the server and says what went', async () => {
  await withCompanion(60_000, async (running) => {
    const panel = await TestPanel.connect(running.url);
    try {
      await panel.pair(running.token);
      panel.send({ type: 'preflight', id: 'pick', backend: 'comfyui' });
      expect((await panel.waitFor('preflight.result', (m) => m.re === 'pick')).result.state).toBe('ready');
      // The model goes after the check: the batch passes on the kept answer, its job fails on the server.
      suite.fake.models.delete(HIGH_NOISE);
      panel.send({ type: 'generate', id: 'batch', shots: [testShot({ backend: 'comfyui' })] });
      const failed = await panel.waitFor('job.failed');
      expect(failed.error.code).toBe('WORKFLOW_INVALID');
      panel.send({ type: 'preflight', id: 'again', backend: 'comfyui' });
      const again = await panel.waitFor('preflight.result', (m) => m.re === 'again');
      expect(again.result.state).toBe('needs');
      expect(again.result.checks.map((c) => c.check)).toContain(`file:models/diffusion_models/${HIGH_NOISE}`);
      expect(suite.fake.objectInfoReads).toBe(2);
    } finally {
      panel.close();
    }
  });
});
