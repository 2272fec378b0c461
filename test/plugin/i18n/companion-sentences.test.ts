// Companion errors with variable parts reach the panel with their facts as params: real failures of the
// companion's checks, sent through the wire schema, read in Chinese with no English sentence left.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redactor } from '../../../companion/backends/remote/redact';
import { MediaRoots } from '../../../companion/media/media-roots';
import { validateShotForBackend } from '../../../companion/pipeline/validate-shot';
import { i18n } from '../../../plugin/i18n/i18n';
import { wireErrorText } from '../../../plugin/i18n/wire-error';
import {
  BackendInfoSchema,
  ShotlineError,
  ShotRequestSchema,
  WireErrorSchema,
  type WireError,
} from '../../../shared/protocol';

const dir = mkdtempSync(join(tmpdir(), 'shotline-i18n-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const backend = (extra: object = {}) =>
  BackendInfoSchema.parse({
    name: 'slate',
    label: 'Slate',
    available: true,
    capabilities: {
      sizes: [],
      maxSize: { width: 1920, height: 1080 },
      fps: [],
      maxDurationSeconds: 10,
      concurrency: 1,
      conditioning: [],
    },
    ...extra,
  });
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
    if (!(err instanceof ShotlineError)) throw err;
    // As the panel gets it: JSON over the socket, parsed with the protocol's schema.
    return WireErrorSchema.parse(JSON.parse(JSON.stringify(err.toWire())));
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
  ];
}

/** The facts a sentence carries (paths, names) and product names may stay Latin; nothing else may. */
const NAMES = ['H.264', 'DashScope', 'ComfyUI'];
function englishLeft(text: string, error: WireError): string[] {
  let rest = text;
  for (const value of [...Object.values(error.params ?? {}).map(String), ...NAMES])
    rest = rest.split(value).join(' ');
  return rest.match(/[A-Za-z]{3,}[ ,'][A-Za-z]{2,}/g) ?? [];
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
