// DashScope preflight against fake regions that keep their own copy of the documented answers: each key and
// region case gets its own sentence, and no preflight ever creates a task.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dashscopePreflight } from '../../../companion/backends/dashscope/dashscope-preflight';
import { DashScopeBackend } from '../../../companion/backends/dashscope/dashscope-backend';
import type { DashScopeSettings } from '../../../companion/backends/dashscope/dashscope-settings';
import { i18n } from '../../../plugin/i18n/i18n';
import { checkText } from '../../../plugin/ui/backend-checks';
import { FakeDashScope } from '../../support/fake-dashscope';

let dir: string;
let beijing: FakeDashScope;
let singapore: FakeDashScope;
let hosts: { beijing: string; singapore: string };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shotline-dsp-'));
  // Preflight downloads nothing: the fakes' clip is never served.
  writeFileSync(join(dir, 'clip.mp4'), 'unused');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  beijing = await FakeDashScope.start('sk-beijing', join(dir, 'clip.mp4'), 'beijing');
  singapore = await FakeDashScope.start('sk-singapore', join(dir, 'clip.mp4'), 'singapore');
  hosts = { beijing: beijing.url, singapore: singapore.url };
});
afterEach(async () => {
  expect([...beijing.problems, ...singapore.problems]).toEqual([]);
  expect([...beijing.creates, ...singapore.creates]).toEqual([]); // never spends money
  await beijing.stop();
  await singapore.stop();
});

const run = (settings: DashScopeSettings) =>
  dashscopePreflight({ env: {}, ...settings }, AbortSignal.timeout(5_000), { hosts, timeoutMs: 2_000 });

test('a key the region accepts and a model it serves: ready, after one task read and nothing elsewhere', async () => {
  const result = await run({ region: 'beijing', apiKey: 'sk-beijing' });
  expect(result.state).toBe('ready');
  expect(result.checks).toMatchObject([
    { check: 'key', status: 'ok', sentence: `DashScope at ${beijing.url} accepts the API key.` },
    { check: 'model', status: 'ok', sentence: 'The beijing region serves wan2.2-t2v-plus.' },
  ]);
  expect(beijing.polls).toHaveLength(1);
  expect(singapore.polls).toEqual([]);
});

test('no key: missing, without asking the service', async () => {
  const result = await run({ region: 'beijing' });
  expect(result.state).toBe('needs');
  expect(result.checks[0]).toMatchObject({
    check: 'key',
    status: 'missing',
    sentence: 'No DashScope API key: set DASHSCOPE_API_KEY, or pass --dashscope-key-file.',
  });
  expect(beijing.polls).toEqual([]);
});

test("a key refused here but accepted by another region's endpoint names that region", async () => {
  const result = await run({ region: 'beijing', apiKey: 'sk-singapore' });
  expect(result.state).toBe('needs');
  expect(result.checks[0]).toMatchObject({
    check: 'key',
    status: 'wrong',
    sentence:
      'The API key is refused in the beijing region but accepted in singapore: choose --dashscope-region singapore, or use a beijing key.',
    code: 'DASHSCOPE_KEY_OTHER_REGION',
    params: { region: 'beijing', other: 'singapore' },
  });
  // The backend picker words it from the code in the panel's language.
  await i18n.changeLanguage('zh-CN');
  expect(checkText(result.checks[0]!)).toBe(
    'API 密钥在 beijing 地域被拒绝，但在 singapore 地域可用：请选择 --dashscope-region singapore，或使用 beijing 地域的密钥。',
  );
  await i18n.changeLanguage('en');
});

test('a key every region refuses says so', async () => {
  const result = await run({ region: 'singapore', apiKey: 'sk-nobody' });
  expect(result.checks[0]).toMatchObject({
    check: 'key',
    status: 'wrong',
    sentence:
      'DashScope refused the API key in singapore and in every other region: check DASHSCOPE_API_KEY in Model Studio.',
  });
  expect(beijing.polls).toEqual([]); // the refusals come before any task lookup
});

test('a service that does not answer is unreachable', async () => {
  const gone = await FakeDashScope.start('sk-beijing', join(dir, 'clip.mp4'));
  await gone.stop();
  const result = await dashscopePreflight(
    { region: 'beijing', apiKey: 'sk-beijing', baseUrl: gone.url, env: {} },
    AbortSignal.timeout(5_000),
    { hosts, timeoutMs: 2_000 },
  );
  expect(result.state).toBe('unreachable');
  expect(result.checks[0]!.status).toBe('unreachable');
  expect(result.checks[0]!.sentence).toContain(gone.url.replace('http://', ''));
});

test("a model the region does not serve is wrong, naming the region that does, from the region's table", async () => {
  const result = await run({ region: 'beijing', apiKey: 'sk-beijing', model: 'wan2.1-t2v-turbo' });
  expect(result.state).toBe('needs');
  expect(result.checks[1]).toMatchObject({
    check: 'model',
    status: 'wrong',
    sentence:
      'The beijing region does not serve wan2.1-t2v-turbo (singapore does); it serves wan2.6-t2v, wan2.5-t2v-preview, wan2.2-t2v-plus, wanx2.1-t2v-turbo, wanx2.1-t2v-plus.',
  });
});

test("the backend's own preflight checks its configured host and key", async () => {
  const backend = new DashScopeBackend({ baseUrl: beijing.url, apiKey: 'sk-wrong', env: {} });
  const result = await backend.preflight(AbortSignal.timeout(5_000));
  expect(result.checks[0]).toMatchObject({
    check: 'key',
    status: 'wrong',
    sentence: `DashScope at ${beijing.url} refused the API key: check DASHSCOPE_API_KEY, and that the key belongs to the beijing region.`,
  });
});
