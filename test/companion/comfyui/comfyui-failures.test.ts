// ComfyUI backend against the fake server: node errors, execution errors, a server down or restarting.
import { request } from 'undici';
import { capturingLogger } from '../../support/backend-context';
import { failure, waitFor } from '../../support/remote-harness';
import { expectWordedInBothLanguages } from '../../support/panel-wording';
import { useFakeComfyUI } from './fake-comfyui-hooks';

describe('comfyui backend failures', () => {
  const suite = useFakeComfyUI();
  const { backend, ctx, run } = suite;

  test('a 400 with node_errors is WORKFLOW_INVALID, said per node in plain words', async () => {
    suite.fake.models.delete('wan2.2_t2v_high_noise_14B_fp8_scaled.safetensors');
    const err = await failure(run(backend()));
    expect(err.code).toBe('WORKFLOW_INVALID');
    expect(err.message).toMatch(
      /^ComfyUI refused the workflow: node 37 \(UNETLoader\): input "unet_name": the value is not one the server offers \(a model file may be missing on the server\) — unet_name: 'wan2\.2_t2v_high_noise_14B_fp8_scaled\.safetensors' not in/,
    );
    expectWordedInBothLanguages(err);
  });

  test('execution_error is REMOTE_TASK_FAILED naming the node, and the checkpoint is cleared', async () => {
    suite.fake.mode = 'error';
    const c = ctx();
    const err = await failure(run(backend(), c));
    expect(err.code).toBe('REMOTE_TASK_FAILED');
    expect(err.message).toBe(
      'ComfyUI stopped the workflow: node 57 (KSamplerAdvanced) failed: torch.OutOfMemoryError: Allocation on device failed..',
    );
    expectWordedInBothLanguages(err);
    expect(c.saved).toEqual({});
  });

  test('a prompt interrupted on the server by someone else fails clearly', async () => {
    suite.fake.mode = 'hold';
    const c = ctx();
    const result = failure(run(backend(), c));
    await waitFor(() => suite.fake.queueIds().running.length > 0);
    await request(`${suite.fake.url}/interrupt`, { method: 'POST', body: '{}' }).then((r) => r.body.dump());
    const err = await result;
    expect(err.code).toBe('REMOTE_TASK_FAILED');
    expect(err.message).toMatch(/interrupted prompt .* retry the job/);
  });

  test('a server that is down is REMOTE_UNREACHABLE at once', async () => {
    await suite.fake.stop();
    const err = await failure(run(backend()));
    expect(err.code).toBe('REMOTE_UNREACHABLE');
    expect(err.message).toMatch(
      /^ComfyUI at http:\/\/127\.0\.0\.1:\d+\/prompt could not be reached \(ECONNREFUSED\)/,
    );
    await suite.startAgain();
  });

  test('a server that goes down mid-job fails after the grace period; the checkpoint is kept', async () => {
    suite.fake.mode = 'hold';
    const c = ctx();
    const result = failure(run(backend(), c));
    await waitFor(() => suite.fake.queueIds().running.length > 0);
    const started = Date.now();
    await suite.fake.stop();
    const err = await result;
    expect(err.code).toBe('REMOTE_UNREACHABLE');
    expect(err.message).toMatch(/stopped answering while prompt .* was running/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200); // not at the first failed poll
    expect(c.saved).toMatchObject({ promptId: suite.fake.submitted[0]!.id });
    await suite.startAgain();
  });

  test('a server that restarts mid-job loses the prompt: a clear failure, then a retry works', async () => {
    suite.fake.mode = 'hold';
    const { log, lines } = capturingLogger();
    const b = backend({ log });
    const c = ctx();
    const result = failure(run(b, c));
    await waitFor(() => suite.fake.queueIds().running.length > 0);
    await suite.fake.restart();
    const err = await result;
    expect(err.code).toBe('REMOTE_TASK_EXPIRED');
    expect(err.message).toMatch(/no longer knows prompt .* restarted/);
    expect(c.saved).toEqual({});
    suite.fake.mode = 'ok';
    const retry = await run(b, c);
    expect(retry.media).toMatchObject({ kind: 'file', width: 832, height: 480, frameCount: 17 });
    expect(suite.fake.submitted).toHaveLength(2);
    expect(lines.join('')).toContain('prompt queued');
  });

  test('resuming a prompt the server no longer knows queues it again (it costs nothing)', async () => {
    const c = ctx({
      backend: 'comfyui',
      promptId: 'gone-after-restart',
      clientId: 'c-1',
      size: '832x480x17',
    });
    const result = await run(backend(), c);
    expect(result.model).toBe('comfyui:wan22-t2v-a14b@832x480x17');
    expect(suite.fake.submitted).toHaveLength(1);
    expect(c.saved).toMatchObject({ promptId: suite.fake.submitted[0]!.id });
  });

  test('progress: queued, loading, generating over both experts, downloading', async () => {
    const c = ctx();
    await run(backend(), c);
    const phases = [...new Set(c.progress.map((p) => p.phase))];
    expect(phases).toEqual(['queued', 'loading', 'generating', 'downloading']);
    const generating = c.progress.filter((p) => p.phase === 'generating');
    expect(generating.every((p) => p.total === 40)).toBe(true);
    expect(generating.at(-1)!.step).toBe(40);
  });
});
