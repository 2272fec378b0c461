// DashScope backend against the fake service: every failure code, retries, limits and the expiry rules.
import { DashScopeBackend } from '../../../companion/backends/dashscope/dashscope-backend';
import { testShot } from '../../support/backend-context';
import { failure } from '../../support/remote-harness';
import { useFakeDashScope } from './fake-dashscope-hooks';

const KEY = 'sk-test-4f9a2c7e1b3d5a6f';

describe('dashscope backend failures', () => {
  const suite = useFakeDashScope(KEY, { fps: 30, frames: 30 });
  const { backend, ctx, run } = suite;

  test('a wrong key is REMOTE_AUTH_FAILED, and the key the service echoed is redacted', async () => {
    const err = await failure(run(backend({ apiKey: 'sk-wrong-key-0000000' })));
    expect(err.code).toBe('REMOTE_AUTH_FAILED');
    expect(err.message).toMatch(/refused the API key .*HTTP 401, InvalidApiKey/);
    expect(err.message).not.toContain('sk-wrong-key-0000000');
    expect(suite.fake.polls).toHaveLength(0);
  });

  test('403 is REMOTE_AUTH_FAILED too', async () => {
    suite.fake.createOverrides.push({
      status: 403,
      body: { code: 'AccessDenied', message: 'Access denied.' },
    });
    expect((await failure(run(backend()))).code).toBe('REMOTE_AUTH_FAILED');
  });

  test('no key at all: unavailable with a reason, and generate refuses before any request', async () => {
    const b = backend({ apiKey: undefined, env: {} });
    expect(b.info()).toMatchObject({
      available: false,
      reason: expect.stringContaining('DASHSCOPE_API_KEY'),
    });
    expect((await failure(run(b))).code).toBe('REMOTE_AUTH_FAILED');
    expect(suite.fake.creates).toHaveLength(0);
  });

  test('429 with Retry-After is waited out and retried; the task then completes', async () => {
    suite.fake.createOverrides.push({
      status: 429,
      headers: { 'retry-after': '0.05' },
      body: { code: 'Throttling.RateQuota', message: 'Requests rate limit exceeded.' },
    });
    suite.fake.pollOverrides.push({ status: 429, body: { code: 'Throttling', message: 'slow down' } });
    const started = Date.now();
    const result = await run(backend());
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(result.media).toMatchObject({ kind: 'file', width: 832, height: 480, frameCount: 30 });
    expect(suite.fake.creates).toHaveLength(2);
    expect(suite.fake.problems).toEqual([]);
  });

  test('429 past the retry limit is REMOTE_RATE_LIMITED', async () => {
    for (let i = 0; i < 3; i++) {
      suite.fake.createOverrides.push({
        status: 429,
        body: { code: 'Throttling.AllocationQuota', message: 'quota' },
      });
    }
    const err = await failure(run(backend()));
    expect(err.code).toBe('REMOTE_RATE_LIMITED');
    expect(err.message).toContain('after 2 retries');
    expect(suite.fake.creates).toHaveLength(3);
  });

  test('a moderation refusal at creation is REMOTE_REFUSED', async () => {
    suite.fake.createOverrides.push({
      status: 400,
      body: { code: 'DataInspectionFailed', message: 'Input data may contain inappropriate content.' },
    });
    const err = await failure(run(backend()));
    expect(err.code).toBe('REMOTE_REFUSED');
    expect(err.message).toMatch(/content check refused the prompt .*Reword/);
  });

  test('a task FAILED by moderation is REMOTE_REFUSED; other FAILED is REMOTE_TASK_FAILED', async () => {
    suite.fake.script = {
      statuses: ['RUNNING', 'FAILED'],
      failCode: 'DataInspectionFailed',
      failMessage: 'Output data may contain inappropriate content.',
      download: 'ok',
    };
    expect((await failure(run(backend()))).code).toBe('REMOTE_REFUSED');
    suite.fake.script = {
      statuses: ['FAILED'],
      failCode: 'InternalError.Algo',
      failMessage: 'Algorithm error.',
      download: 'ok',
    };
    const c = ctx();
    const err = await failure(run(backend(), c));
    expect(err.code).toBe('REMOTE_TASK_FAILED');
    expect(err.message).toMatch(/failed: InternalError\.Algo: Algorithm error\./);
    expect(c.saved).toEqual({}); // a finished task is forgotten, so a retry starts afresh
  });

  test('CANCELED is REMOTE_TASK_FAILED; UNKNOWN (expired) is REMOTE_TASK_EXPIRED', async () => {
    suite.fake.script = { statuses: ['PENDING', 'CANCELED'], download: 'ok' };
    expect((await failure(run(backend()))).message).toMatch(/cancelled on the service/);
    const c = ctx({
      backend: 'dashscope',
      taskId: 'task-from-yesterday',
      model: 'wan2.2-t2v-plus',
      size: '832*480',
      createdAt: '2026-01-01T00:00:00Z',
    });
    const err = await failure(run(backend(), c));
    expect(err.code).toBe('REMOTE_TASK_EXPIRED');
    expect(err.message).toContain('task-from-yesterday');
    expect(suite.fake.creates).toHaveLength(1); // the expired task was never silently paid for again
    expect(c.saved).toEqual({});
  });

  test('download 404 and a cut-off download are DOWNLOAD_FAILED, without the signed query', async () => {
    suite.fake.script = { statuses: ['SUCCEEDED'], download: 'missing' };
    const missing = await failure(run(backend()));
    expect(missing.code).toBe('DOWNLOAD_FAILED');
    expect(missing.message).toMatch(/HTTP 404 \(the link may have expired\)/);
    expect(missing.message).not.toContain('s3cr3tSig');
    suite.fake.script = { statuses: ['SUCCEEDED'], download: 'truncated' };
    const cut = await failure(run(backend()));
    expect(cut.code).toBe('DOWNLOAD_FAILED');
    expect(cut.message).not.toContain('Signature');
  });

  test('a reply slower than the request timeout is REMOTE_TIMEOUT', async () => {
    suite.fake.createOverrides.push({ status: 200, delayMs: 600, body: {} });
    const err = await failure(run(backend({ requestTimeoutMs: 150 })));
    expect(err.code).toBe('REMOTE_TIMEOUT');
    expect(err.message).toMatch(/did not answer within 150 ms/);
  });

  test('a host that is down is REMOTE_UNREACHABLE', async () => {
    const url = suite.fake.url;
    await suite.fake.stop();
    const err = await failure(run(backend({ baseUrl: url })));
    expect(err.code).toBe('REMOTE_UNREACHABLE');
    expect(err.message).toMatch(/could not be reached \(ECONNREFUSED\)/);
    await suite.startAgain();
  });

  test('prompts over the limits are refused before anything is sent, never cut', async () => {
    const long = testShot({ prompt: '镜'.repeat(801) });
    const err = await failure(run(backend(), ctx(), long));
    expect(err.code).toBe('INVALID_SHOT');
    expect(err.message).toMatch(/801 characters; DashScope takes at most 800/);
    const neg = testShot({ negativePrompt: 'x'.repeat(501) });
    expect((await failure(run(backend(), ctx(), neg))).message).toMatch(/negative prompt has 501/);
    expect(suite.fake.creates).toHaveLength(0);
    await expect(run(backend(), ctx(), testShot({ prompt: '镜'.repeat(800) }))).resolves.toBeDefined();
  });

  test('settings are checked together and name the option', () => {
    expect(() => new DashScopeBackend({ model: 'wan9-t2v' })).toThrow(
      /the beijing region does not serve model "wan9-t2v"; beijing serves wan2\.6-t2v, wan2\.5-t2v-preview, wan2\.2-t2v-plus/,
    );
    expect(() => new DashScopeBackend({ region: 'mars' as never })).toThrow(/option "region"/);
    expect(() => new DashScopeBackend({ size: '1280*720' })).toThrow(/option "size"/);
    expect(
      () => new DashScopeBackend({ model: 'wanx2.1-t2v-plus', size: '1280*720', apiKey: KEY }),
    ).not.toThrow();
  });
});
