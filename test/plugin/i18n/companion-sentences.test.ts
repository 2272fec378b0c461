// Companion errors with variable parts reach the panel with their facts as params: real failures of the
// companion's checks, sent through the wire schema, read in Chinese with no English sentence left.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { executionStopped } from '../../../companion/backends/comfyui/node-errors';
import { checkContract } from '../../../companion/backends/onnx/graph-contract';
import type { OrtSession } from '../../../companion/backends/onnx/ort-runtime';
import { loadTokenizer } from '../../../companion/backends/onnx/prompt-encoder';
import {
  checkExportPrerequisites,
  exportWan,
  type WanExportOptions,
} from '../../../companion/backends/onnx/wan-export-runner';
import { Redactor } from '../../../companion/backends/remote/redact';
import { chatComplete } from '../../../companion/rewrite/chat-client';
import type { TensorSpec } from '../../../shared/model-bundle';
import { MediaRoots } from '../../../companion/media/media-roots';
import { validateShotForBackend } from '../../../companion/pipeline/validate-shot';
import { i18n } from '../../../plugin/i18n/i18n';
import { wireErrorText } from '../../../plugin/i18n/wire-error';
import { backendInfo, type BackendInfoOverrides } from '../../support/backend-info';
import { asReceived, englishLeft } from '../../support/panel-wording';
import { ShotlineError, ShotRequestSchema, WireErrorSchema, type WireError } from '../../../shared/protocol';

const dir = mkdtempSync(join(tmpdir(), 'shotline-i18n-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const backend = (extra: BackendInfoOverrides = {}) =>
  backendInfo({ name: 'slate', label: 'Slate', capabilities: { conditioning: [] }, ...extra });
const shot = (extra: object = {}) =>
  ShotRequestSchema.parse({
    shotId: 'S1-02',
    prompt: 'rain',
    duration: { frames: 48 },
    fps: { num: 24, den: 1 },
    size: { width: 1280, height: 720 },
    backend: 'slate',
    ...extra,
  });

async function wireOf(fn: () => unknown): Promise<WireError> {
  try {
    await fn();
  } catch (err) {
    return asReceived(err);
  }
  throw new Error('expected a ShotlineError');
}

async function failures(): Promise<[string, WireError][]> {
  writeFileSync(join(dir, 'still.png'), 'x');
  mkdirSync(join(dir, 'boards'), { recursive: true });
  const roots = new MediaRoots([dir]);
  return [
    [
      'unavailable',
      await wireOf(() => validateShotForBackend(shot(), backend({ available: false, reason: 'no GPU' }))),
    ],
    [
      'too large',
      await wireOf(() => validateShotForBackend(shot({ size: { width: 3840, height: 2160 } }), backend())),
    ],
    [
      'odd size',
      await wireOf(() => validateShotForBackend(shot({ size: { width: 641, height: 360 } }), backend())),
    ],
    ['too long', await wireOf(() => validateShotForBackend(shot({ duration: { frames: 480 } }), backend()))],
    ['missing image', await wireOf(() => roots.resolve(join(dir, 'nope.png')))],
    ['not a folder', await wireOf(() => roots.resolve(join(dir, 'still.png'), { folder: true }))],
    [
      'outside the media folders',
      await wireOf(() => new MediaRoots([join(dir, 'boards')]).resolve(join(dir, 'still.png'))),
    ],
    ['relative path', await wireOf(() => roots.resolve('still.png'))],
    ['not a tokenizer', await wireOf(() => loadTokenizer(join(dir, 'still.png')))],
    ...(await exportFailures()),
    ...stoppedWorkflows(),
    ...(await contractFailures()),
    ...(await chatFailures()),
  ];
}

/** A stand-in for Python: `-c` (the import check) does what `imports` says; a run prints Python's error. */
function fakePython(name: string, imports: string): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    `#!/bin/sh\nif [ "$1" = "-c" ]; then ${imports}; fi\necho "RuntimeError: CUDA out of memory" >&2\nexit 1\n`,
    { mode: 0o755 },
  );
  return path;
}

async function exportFailures(): Promise<[string, WireError][]> {
  const o = (extra: Partial<WanExportOptions>): WanExportOptions => ({
    checkpoint: dir,
    out: join(dir, 'out'),
    variant: 'wan22-5b',
    dtype: 'fp16',
    python: fakePython('python-ok', 'exit 0'),
    wanSource: dir,
    ...extra,
  });
  const noTorch = fakePython(
    'python-no-torch',
    `echo "ModuleNotFoundError: No module named 'torch'" >&2; exit 1`,
  );
  const check = (extra: Partial<WanExportOptions>) => wireOf(() => checkExportPrerequisites(o(extra), dir));
  return [
    ['export: no python', await check({ python: join(dir, 'no-python') })],
    ['export: no torch', await check({ python: noTorch })],
    ['export: no Wan source', await check({ wanSource: join(dir, 'x') })],
    ['export: no checkpoint', await check({ checkpoint: join(dir, 'x') })],
    ['export: the exporter failed', await wireOf(() => exportWan(o({})))],
  ];
}

/** ComfyUI's execution_error as its server sends it, with and without the node and the exception. */
function stoppedWorkflows(): [string, WireError][] {
  const oom = { exception_type: 'torch.OutOfMemoryError', exception_message: 'Allocation on device failed.' };
  const events: [string, unknown][] = [
    ['node', { node_id: '57', node_type: 'KSamplerAdvanced', ...oom }],
    ['node, no detail', { node_id: '57' }],
    ['no node', oom],
    ['no node, no detail', {}],
    ['unreadable', 'not an event'],
  ];
  return events.map(([what, data]) => [`ComfyUI stopped: ${what}`, asReceived(executionStopped(data))]);
}

/** A session whose graph disagrees with the manifest in each way the contract checks. */
async function contractFailures(): Promise<[string, WireError][]> {
  const spec: TensorSpec = { name: 'latent_input', dtype: 'float', shape: [1, 16] };
  const tensor = (type: string, shape = [1, 16]) => ({ name: 'latent_input', isTensor: true, type, shape });
  const fails = (inputMetadata: unknown[]) => {
    const session = { inputMetadata, outputMetadata: [] } as unknown as OrtSession;
    return wireOf(() => checkContract(session, 'dit.onnx', { inputs: [spec], outputs: [] }));
  };
  return [
    ['contract: missing input', await fails([])],
    ['contract: not a tensor', await fails([{ name: 'latent_input', isTensor: false }])],
    ['contract: dtype', await fails([tensor('int64')])],
    ['contract: shape', await fails([tensor('float32', [1, 8])])],
    ['contract: extra input', await fails([tensor('float32'), { ...tensor('float32'), name: 'mask' }])],
  ];
}

/**
 * A real HTTP peer on loopback for each way the rewrite model fails: 200 with what is not a chat completion (one
 * reply or a stream), HTTP 500, silence past the deadline; and a port nobody listens on.
 */
async function chatFailures(): Promise<[string, WireError][]> {
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/silent')) return; // never answers: the client's deadline fires
    if (req.url?.startsWith('/broken')) {
      res.writeHead(500, { 'content-type': 'application/json' });
      return res.end('{"error":{"message":"model not loaded"}}');
    }
    const stream = req.headers.accept === 'text/event-stream';
    res.writeHead(200, { 'content-type': stream ? 'text/event-stream' : 'application/json' });
    res.end(stream ? 'data: {"nope":1}\n\n' : '{"nope":1}');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const closed = createServer();
  await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
  const nobody = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/v1`;
  await new Promise((done) => closed.close(done));
  const ask = (baseUrl: string, stream = false, timeoutMs?: number) =>
    wireOf(() =>
      chatComplete({ baseUrl, model: 'm', apiKey: 'k', stream, ...(timeoutMs && { timeoutMs }) }, [
        { role: 'user', content: 'x' },
      ]),
    );
  try {
    return [
      ['chat: not a completion', await ask(`${origin}/v1`)],
      ['chat: not a chunk', await ask(`${origin}/v1`, true)],
      ['chat: HTTP 500', await ask(`${origin}/broken/v1`)],
      ['chat: no answer in time', await ask(`${origin}/silent/v1`, false, 300)],
      ['chat: nobody listening', await ask(nobody)],
    ];
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

afterEach(() => void i18n.changeLanguage('en'));

test('each failure carries its facts; English is the companion’s sentence, Chinese has no English left', async () => {
  for (const [what, error] of await failures()) {
    expect([what, error.params]).toEqual([what, expect.any(Object)]);
    void i18n.changeLanguage('en');
    expect([what, wireErrorText(error)]).toEqual([what, error.message]);
    void i18n.changeLanguage('zh-CN');
    const chinese = wireErrorText(error);
    expect([what, chinese]).toEqual([what, expect.stringMatching(/\p{Script=Han}/u)]);
    expect([what, englishLeft(chinese, error)]).toEqual([what, []]);
  }
});

test('the rewrite model is named in Chinese, not by its English name, whichever way it fails', async () => {
  const chat = await chatFailures();
  expect(chat.map(([, error]) => error.code)).toEqual([
    'REMOTE_REFUSED',
    'REMOTE_REFUSED',
    'REMOTE_REFUSED',
    'REMOTE_TIMEOUT',
    'REMOTE_UNREACHABLE',
  ]);
  void i18n.changeLanguage('zh-CN');
  for (const [what, error] of chat) {
    expect([what, wireErrorText(error)]).toEqual([what, expect.stringContaining('改写模型')]);
    expect([what, wireErrorText(error)]).toEqual([what, expect.not.stringContaining('rewrite model')]);
  }
});

test('the Chinese sentence names the same facts: the size, the limit, the backend', async () => {
  const error = await wireOf(() =>
    validateShotForBackend(shot({ size: { width: 3840, height: 2160 } }), backend()),
  );
  void i18n.changeLanguage('zh-CN');
  expect(wireErrorText(error)).toBe('镜头 S1-02：3840×2160 超过 slate 的最大尺寸 1920×1080。');
});

test('a redacted remote error keeps its params, cleaned the same way as its sentence', () => {
  const redactor = new Redactor(['sk-secret-key-123']);
  const error = redactor.error(
    new ShotlineError('REMOTE_UNREACHABLE', 'DashScope at x could not be reached (sk-secret-key-123)', {
      params: { service: 'DashScope', where: 'x', detail: 'sk-secret-key-123', case: 'service' },
    }),
  );
  expect(error.params).toEqual({ service: 'DashScope', where: 'x', detail: '[redacted]', case: 'service' });
  expect(JSON.stringify(error.toWire())).not.toContain('sk-secret');
});

test('a parameter past the wire limit is cut, so the error still crosses the socket', () => {
  const error = new ShotlineError('REMOTE_TASK_FAILED', 'failed', { params: { said: 'x'.repeat(900) } });
  expect(WireErrorSchema.safeParse(error.toWire()).success).toBe(true);
});
