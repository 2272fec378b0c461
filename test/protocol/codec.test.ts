// Protocol codec: every message round-trips; malformed, unknown and wrong-version input is refused clearly.
import {
  decodeToClient,
  decodeToServer,
  encodeToClient,
  encodeToServer,
  MAX_MESSAGE_BYTES,
  toClientMessages,
  toServerMessages,
} from '../../shared/protocol';
import { toClientSamples, toServerSamples } from './samples';

describe('protocol round trip', () => {
  test('every message type has a sample', () => {
    expect(new Set(toServerSamples.map((m) => m.type))).toEqual(new Set(Object.keys(toServerMessages)));
    expect(new Set(toClientSamples.map((m) => m.type))).toEqual(new Set(Object.keys(toClientMessages)));
  });

  test.each(toServerSamples.map((m) => [m.type, m] as const))('panel → companion %s', (_type, message) => {
    const { v: _v, ...rest } = message;
    const decoded = decodeToServer(encodeToServer(rest));
    expect(decoded).toEqual({ ok: true, message });
  });

  test.each(toClientSamples.map((m) => [m.type, m] as const))('companion → panel %s', (_type, message) => {
    const { v: _v, ...rest } = message;
    const decoded = decodeToClient(encodeToClient(rest));
    expect(decoded).toEqual({ ok: true, message });
  });

  test('takes default to 1 when the panel leaves them out', () => {
    const decoded = decodeToServer(
      JSON.stringify({
        v: 1,
        type: 'generate',
        id: 'r',
        shots: [
          {
            shotId: 'a',
            prompt: 'p',
            duration: { frames: 10 },
            fps: { num: 25, den: 1 },
            size: { width: 64, height: 64 },
            backend: 'slate',
          },
        ],
      }),
    );
    expect(decoded.ok && decoded.message.type === 'generate' && decoded.message.shots[0]!.takes).toBe(1);
  });
});

describe('protocol rejects bad input with a clear error', () => {
  const cases: [string, unknown, string, RegExp][] = [
    ['not JSON', '{"v":1,', 'BAD_MESSAGE', /not valid JSON/],
    ['binary', Buffer.from('{}'), 'BAD_MESSAGE', /text frames/],
    ['array', '[1,2]', 'BAD_MESSAGE', /JSON object/],
    ['null', 'null', 'BAD_MESSAGE', /JSON object/],
    ['no version', '{"type":"hello"}', 'UNSUPPORTED_VERSION', /version undefined/],
    ['future version', '{"v":2,"type":"hello"}', 'UNSUPPORTED_VERSION', /speaks v1/],
    ['unknown type', '{"v":1,"type":"explode","id":"q"}', 'UNKNOWN_MESSAGE', /"explode".*hello, generate/],
    ['prototype key as type', '{"v":1,"type":"__proto__"}', 'UNKNOWN_MESSAGE', /__proto__/],
    ['server message sent by panel', '{"v":1,"type":"welcome"}', 'UNKNOWN_MESSAGE', /"welcome"/],
    ['missing field', '{"v":1,"type":"cancel","id":"c"}', 'BAD_MESSAGE', /jobId/],
    ['extra field', '{"v":1,"type":"jobs.list","id":"c","evil":true}', 'BAD_MESSAGE', /evil/],
    ['bad job id', '{"v":1,"type":"cancel","id":"c","jobId":"../../etc"}', 'BAD_MESSAGE', /job ids/],
  ];
  test.each(cases)('%s', (_name, raw, code, message) => {
    const decoded = decodeToServer(raw);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) {
      expect(decoded.error.code).toBe(code);
      expect(decoded.error.message).toMatch(message);
    }
  });

  test('the request id is echoed so the panel can match the error', () => {
    const decoded = decodeToServer('{"v":1,"type":"cancel","id":"c9"}');
    expect(decoded).toMatchObject({ ok: false, re: 'c9' });
  });

  test('oversized messages are refused before parsing', () => {
    const decoded = decodeToServer('"' + 'x'.repeat(MAX_MESSAGE_BYTES) + '"');
    expect(decoded).toMatchObject({ ok: false, error: { code: 'BAD_MESSAGE' } });
  });

  test('invalid shot values name the field', () => {
    const [, generate] = toServerSamples;
    const bad = JSON.parse(JSON.stringify(generate));
    bad.shots[0].size.width = 5;
    bad.shots[0].fps = { num: 0, den: 1 };
    const decoded = decodeToServer(JSON.stringify(bad));
    expect(decoded.ok).toBe(false);
    if (!decoded.ok)
      expect(decoded.error.message).toMatch(
        /shots\.0\.fps\.num.*shots\.0\.size\.width|shots\.0\.size\.width.*shots\.0\.fps\.num/,
      );
  });
});
