// DashScope per region (names, newer models, durations, audio), real cancel, in-progress states, 401/403 causes.
import { SHUTDOWN_REASON } from '../../../companion/backends/backend';
import { DashScopeBackend } from '../../../companion/backends/dashscope/dashscope-backend';
import { testShot } from '../../support/backend-context';
import { failure, waitFor } from '../../support/remote-harness';
import { useFakeDashScope } from './fake-dashscope-hooks';

const KEY = 'sk-test-regions-7a1c9e';

describe('dashscope regions, models and task states', () => {
  const suite = useFakeDashScope(KEY, { fps: 24, frames: 24 });
  const { backend, ctx, run } = suite;
  const body = (i = 0) =>
    suite.fake.creates[i]!.body as { model: string; parameters: Record<string, unknown> };

  test("a model spelled for another region is refused, naming the chosen region's models", () => {
    expect(() => new DashScopeBackend({ region: 'singapore', model: 'wanx2.1-t2v-turbo' })).toThrow(
      'dashscope: the singapore region does not serve model "wanx2.1-t2v-turbo" (beijing does); singapore serves wan2.6-t2v, wan2.5-t2v-preview, wan2.2-t2v-plus, wan2.1-t2v-turbo, wan2.1-t2v-plus',
    );
    expect(() => new DashScopeBackend({ region: 'beijing', model: 'wan2.1-t2v-plus' })).toThrow(
      /beijing region does not serve model "wan2\.1-t2v-plus" \(singapore does\); beijing serves .*wanx2\.1-t2v-plus/,
    );
  });

  test.each([
    ['singapore', 'wan2.1-t2v-turbo'],
    ['beijing', 'wanx2.1-t2v-turbo'],
    ['virginia', 'wan2.6-t2v-us'],
  ])('%s serves %s: the task is created as the service documents it', async (region, model) => {
    await suite.startAgain(region);
    const result = await run(backend({ region: region as never, model }));
    expect(result.model).toMatch(new RegExp(`^${model.replace(/\./g, '\\.')}@`));
    expect(body().model).toBe(model);
    expect(suite.fake.problems).toEqual([]);
  });

  test('wan2.6-t2v: the shortest documented duration covering the shot, 24 fps, audio on unless turned off', async () => {
    const b = backend({ model: 'wan2.6-t2v' });
    expect(b.info().capabilities).toMatchObject({ maxDurationSeconds: 15, fps: [{ num: 24, den: 1 }] });
    expect(b.info().label).toMatch(/with generated audio/);
    const eight = testShot({ duration: { seconds: 8 }, size: { width: 1280, height: 720 } });
    await run(b, ctx(), eight, 192);
    expect(body(0).parameters).toMatchObject({ size: '1280*720', duration: 10, audio: true });
    await run(
      backend({ model: 'wan2.6-t2v', audio: false }),
      ctx(),
      testShot({ size: { width: 1280, height: 720 } }),
    );
    expect(body(1).parameters).toMatchObject({ duration: 5, audio: false });
    expect(suite.fake.problems).toEqual([]);
  });

  test('wan2.5-t2v-preview takes 5 or 10 s and 480P; silent models get no audio parameter and refuse the setting', async () => {
    await run(backend({ model: 'wan2.5-t2v-preview' }), ctx(), testShot({ duration: { seconds: 12 } }), 288);
    expect(body(0).parameters).toMatchObject({ size: '832*480', duration: 10, audio: true });
    await run(backend({ model: 'wan2.2-t2v-plus' }));
    expect(body(1).parameters).not.toHaveProperty('audio');
    expect(suite.fake.problems).toEqual([]);
    expect(() => new DashScopeBackend({ model: 'wan2.2-t2v-plus', audio: false })).toThrow(
      /option "audio" applies only to models that generate sound; wan2\.2-t2v-plus is silent/,
    );
  });

  test("a user's cancel of a PENDING task cancels it at the service and forgets it", async () => {
    suite.fake.script = { statuses: ['PENDING'], download: 'ok' };
    const c = ctx();
    const job = run(backend(), c);
    await waitFor(() => suite.fake.polls.length > 0);
    c.controller.abort('user');
    expect((await failure(job)).code).toBe('JOB_CANCELLED');
    const taskId = suite.fake.polls[0];
    expect(suite.fake.cancels).toEqual([taskId]);
    expect(c.saved).toEqual({});
  });

  test('a RUNNING task cannot be cancelled: no cancel call, and the checkpoint stays so a retry never pays twice', async () => {
    suite.fake.script = { statuses: ['RUNNING'], download: 'ok' };
    const c = ctx();
    const job = run(backend(), c);
    // Once the backend has read RUNNING (the fake counts a poll before its reply arrives).
    await waitFor(() => c.progress.some((p) => p.phase === 'generating'));
    c.controller.abort('user');
    await failure(job);
    expect(suite.fake.cancels).toEqual([]);
    expect(c.saved).toMatchObject({ taskId: suite.fake.polls[0] });
  });

  test('a shutdown leaves a PENDING task alone for the next start', async () => {
    suite.fake.script = { statuses: ['PENDING'], download: 'ok' };
    const c = ctx();
    const job = run(backend(), c);
    await waitFor(() => suite.fake.polls.length > 0);
    c.controller.abort(SHUTDOWN_REASON);
    await failure(job);
    expect(suite.fake.cancels).toEqual([]);
    expect(c.saved).toMatchObject({ taskId: suite.fake.polls[0] });
  });

  test('SUSPENDED and states newer than the docs mean "still going": polling goes on to the clip', async () => {
    suite.fake.script = {
      statuses: ['PENDING', 'SUSPENDED', 'QUEUEING', 'RUNNING', 'SUCCEEDED'],
      download: 'ok',
    };
    const result = await run(backend());
    expect(result.media).toMatchObject({ kind: 'file', frameCount: 24 });
    expect(suite.fake.polls).toHaveLength(5);
  });

  test('an unreadable status is an error, but not a final state: the checkpoint is kept', async () => {
    suite.fake.pollOverrides.push({ status: 200, body: { request_id: 'r', output: 'garbled' } });
    const c = ctx();
    const err = await failure(run(backend(), c));
    expect(err.code).toBe('REMOTE_TASK_FAILED');
    expect(c.saved).toMatchObject({ backend: 'dashscope', taskId: expect.any(String) });
  });

  test.each([
    [
      401,
      'InvalidApiKey',
      'REMOTE_AUTH_FAILED',
      /key belongs to the beijing region \(http:\/\/127\.0\.0\.1:\d+\)/,
    ],
    [
      403,
      'AccessDenied.Unpurchased',
      'REMOTE_AUTH_FAILED',
      /no access to wan2\.2-t2v-plus in the beijing region/,
    ],
    [403, 'Model.AccessDenied', 'REMOTE_AUTH_FAILED', /no access to wan2\.2-t2v-plus/],
    [403, 'AllocationQuota.FreeTierOnly', 'REMOTE_RATE_LIMITED', /free quota is used up/],
    [400, 'Arrearage', 'REMOTE_RATE_LIMITED', /account is in arrears/],
  ])('HTTP %i %s is %s, with the fix in the sentence', async (status, code, ours, said) => {
    suite.fake.createOverrides.push({ status, body: { code, message: 'Access denied.' } });
    const err = await failure(run(backend()));
    expect(err.code).toBe(ours);
    expect(err.message).toMatch(said);
    expect(err.message).toContain(code);
  });
});
