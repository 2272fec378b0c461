// What the panel needs from UXP besides Premiere: pickers instead of <input type="file">, a saved token
// instead of a password field, and pairing by code over the real client.
import { CompanionClient } from '../../plugin/connection/companion-client';
import { readCredential } from '../../plugin/connection/credential';
import { secureTokenStore } from '../../plugin/connection/token-store';
import { SimulatedUxp } from '../../plugin/host/simulated/uxp';
import { SCRIPT_TYPES, uxpTextFiles } from '../../plugin/host/text-files';
import { FakeSocket } from '../support/fake-socket';

describe('UXP file pickers', () => {
  it('opens the picked file as text with the script types, and null when cancelled', async () => {
    const uxp = new SimulatedUxp();
    const files = uxpTextFiles(uxp);
    uxp.toOpen.push({ name: 'night.fountain', text: 'EXT. ROOF - NIGHT\n\nKai jumps.' });
    await expect(files.open(SCRIPT_TYPES)).resolves.toEqual({
      name: 'night.fountain',
      text: 'EXT. ROOF - NIGHT\n\nKai jumps.',
    });
    await expect(files.open(SCRIPT_TYPES)).resolves.toBeNull();
    expect(uxp.pickerCalls).toEqual([
      { kind: 'open', types: ['fountain', 'spmd', 'fdx', 'txt'] },
      { kind: 'open', types: ['fountain', 'spmd', 'fdx', 'txt'] },
    ]);
  });

  it('opens one picker at a time (a Spectrum button may repeat its click: PS-57264)', async () => {
    const uxp = new SimulatedUxp();
    const files = uxpTextFiles(uxp);
    uxp.toOpen.push({ name: 'a.txt', text: 'a' }, { name: 'b.txt', text: 'b' });
    const [first, second] = await Promise.all([files.open(['txt']), files.open(['txt'])]);
    expect(first?.name).toBe('a.txt');
    expect(second).toBeNull();
    expect(uxp.pickerCalls).toHaveLength(1);
  });

  it('saves through getFileForSaving, and reports a cancelled save', async () => {
    const uxp = new SimulatedUxp();
    const files = uxpTextFiles(uxp);
    uxp.toSaveAs.push('lib.json');
    await expect(files.save('shotline-templates.json', ['json'], '{"version":1}')).resolves.toBe(true);
    expect(uxp.saved.get('lib.json')).toBe('{"version":1}');
    await expect(files.save('shotline-templates.json', ['json'], '{}')).resolves.toBe(false);
  });
});

describe('token store over UXP secure storage', () => {
  it('keeps the token as bytes, reads it back as text, and forgets it (twice is fine)', async () => {
    const uxp = new SimulatedUxp();
    const store = secureTokenStore(uxp.storage.secureStorage);
    await expect(store.load()).resolves.toBeNull();
    await store.save('ab'.repeat(32));
    await expect(store.load()).resolves.toBe('ab'.repeat(32));
    await store.forget();
    await store.forget();
    await expect(store.load()).resolves.toBeNull();
  });
});

describe('what the pairing field accepts', () => {
  it('a code (with dash, space or none), a pasted token, or the saved token when left empty', () => {
    expect(readCredential(' 1234-5678 ', null)).toEqual({
      ok: true,
      credential: { pairingCode: '1234-5678' },
    });
    expect(readCredential('1234 5678', 'tok')).toEqual({
      ok: true,
      credential: { pairingCode: '1234 5678' },
    });
    const token = 'f'.repeat(64);
    expect(readCredential(token, null)).toEqual({ ok: true, credential: { token } });
    expect(readCredential('', 'saved')).toEqual({ ok: true, credential: { token: 'saved' } });
  });

  it('anything else is one sentence saying what a code looks like', () => {
    expect(readCredential('', null)).toEqual({
      ok: false,
      message: 'Type the pairing code that `shotline serve` printed.',
    });
    expect(readCredential('12-34', null)).toEqual({
      ok: false,
      message: 'A pairing code is 8 digits, like 1234-5678: run `shotline pair` for a new one.',
    });
  });
});

describe('CompanionClient pairing with a code', () => {
  const welcome = {
    v: 1,
    type: 'welcome',
    server: { name: 's', version: '1' },
    backends: [],
    outputDir: '/o',
  };

  function client() {
    const sockets: FakeSocket[] = [];
    const timers: (() => void)[] = [];
    const c = new CompanionClient({
      url: 'ws://127.0.0.1:7391',
      pairingCode: '1234-5678',
      createSocket: () => {
        const s = new FakeSocket();
        sockets.push(s);
        return s;
      },
      random: () => 1,
      setTimer: (callback) => timers.push(callback),
      clearTimer: () => undefined,
    });
    return { c, sockets, timers };
  }

  it('sends the code once, keeps the token it gets, and reconnects with the token', () => {
    const { c, sockets, timers } = client();
    const tokens: string[] = [];
    c.on('token', (t) => tokens.push(t));
    c.connect();
    sockets[0]?.onopen?.({});
    expect(sockets[0]?.sent[0]).toMatchObject({ type: 'hello', pairingCode: '1234-5678' });
    sockets[0]?.onmessage?.({ data: JSON.stringify({ ...welcome, token: 'T'.repeat(64) }) });
    expect(tokens).toEqual(['T'.repeat(64)]);
    sockets[0]?.close(1006);
    timers[0]?.();
    sockets[1]?.onopen?.({});
    expect(sockets[1]?.sent[0]).toMatchObject({ type: 'hello', token: 'T'.repeat(64) });
    expect(sockets[1]?.sent[0]).not.toHaveProperty('pairingCode');
  });

  it("a refused code fails with the companion's own sentence, once", () => {
    const { c, sockets } = client();
    const reasons: string[] = [];
    c.on('state', (s) => s.status === 'failed' && reasons.push(s.reason));
    c.connect();
    sockets[0]?.onopen?.({});
    const message = 'That pairing code is wrong or has expired. Run `shotline pair` for a new one.';
    sockets[0]?.onmessage?.({
      data: JSON.stringify({ v: 1, type: 'error', error: { code: 'UNAUTHORIZED', message } }),
    });
    sockets[0]?.close(4401);
    expect(reasons).toEqual([message]);
  });
});
