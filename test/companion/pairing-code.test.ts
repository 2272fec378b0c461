// Pairing with a one-time code: the panel types 8 digits instead of reading a password field (UXP on macOS).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PairingCodes } from '../../companion/config/pairing-code';
import { startCompanion, type RunningCompanion } from '../support/companion-harness';
import { TestPanel } from '../support/test-panel';

const client = { name: 't', version: '0' };

describe('one-time pairing codes', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'shotline-code-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('a code works once, with or without its dash, and only until it expires', () => {
    let now = 1_000_000;
    const codes = new PairingCodes(join(dir, 'pairing-code'), () => now);
    const issued = codes.issue(60_000);
    expect(issued.display).toMatch(/^\d{4}-\d{4}$/);
    expect((statSync(join(dir, 'pairing-code')).mode & 0o777).toString(8)).toBe('600');
    const wrong = issued.display.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
    expect(codes.redeem(wrong)).toBe(false);
    expect(codes.redeem(issued.display.replace('-', ''))).toBe(true);
    expect(codes.redeem(issued.display)).toBe(false);

    const late = codes.issue(60_000);
    now += 60_000;
    expect(codes.redeem(late.display)).toBe(false);
  });

  test("`shotline pair` prints a fresh code that the data folder's daemon will accept", () => {
    const bin = join(__dirname, '../../bin/shotline.js');
    const run = spawnSync(process.execPath, [bin, 'pair', '--data-dir', dir], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const code =
      /^Pairing code (\d{4}-\d{4}) \(valid until \d\d:\d\d, once\): type it into the Shotline panel and press Connect\.\n$/.exec(
        run.stdout,
      )?.[1];
    expect(code).toBeDefined();
    expect(new PairingCodes(join(dir, 'pairing-code')).redeem(code ?? '')).toBe(true);
  });

  test('a newer code replaces the older one', () => {
    const codes = new PairingCodes(join(dir, 'pairing-code'));
    const first = codes.issue();
    let second = codes.issue();
    while (second.display === first.display) second = codes.issue();
    expect(codes.redeem(first.display)).toBe(false);
    expect(codes.redeem(second.display)).toBe(true);
  });
});

describe('pairing over the socket with a code', () => {
  let running: RunningCompanion;
  let codes: PairingCodes;
  let dir: string;
  const panels: TestPanel[] = [];
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shotline-code-'));
    codes = new PairingCodes(join(dir, 'pairing-code'));
    running = await startCompanion({}, { pairingCodes: codes, maxFailedPairingsPerMinute: 3 });
  });
  afterEach(async () => {
    panels.splice(0).forEach((p) => p.close());
    await running.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function panel(): Promise<TestPanel> {
    const p = await TestPanel.connect(running.url);
    panels.push(p);
    return p;
  }

  test('the welcome hands over the token, which pairs from then on; the code is spent', async () => {
    const { display } = codes.issue();
    const first = await panel();
    first.send({ type: 'hello', pairingCode: display, client });
    const welcome = await first.waitFor('welcome');
    expect(welcome.token).toBe(running.token);

    const again = await panel();
    again.send({ type: 'hello', pairingCode: display, client });
    const refused = await again.waitFor('error');
    expect(refused.error).toEqual({
      code: 'UNAUTHORIZED',
      message: 'That pairing code is wrong or has expired. Run `shotline pair` for a new one.',
    });

    const later = await panel();
    const paired = await later.pair(welcome.token ?? '');
    expect(paired.token).toBeUndefined();
  });

  test('wrong codes count against the pairing limit: answered later, while the right code still pairs at once', async () => {
    const { display } = codes.issue();
    for (let i = 0; i < 3; i++) {
      const p = await panel();
      p.send({ type: 'hello', pairingCode: `0000-000${i}`, client });
      expect((await p.waitFor('error')).error.code).toBe('UNAUTHORIZED');
    }
    const slow = await panel();
    const asked = Date.now();
    slow.send({ type: 'hello', pairingCode: '0000-0009', client });
    expect((await slow.waitFor('error')).error.code).toBe('UNAUTHORIZED');
    expect(Date.now() - asked).toBeGreaterThanOrEqual(200);
    const right = await panel();
    right.send({ type: 'hello', pairingCode: display, client });
    expect((await right.waitFor('welcome')).token).toBeDefined();
  });

  test('a hello with neither token nor code is refused with a sentence', async () => {
    const p = await panel();
    p.send({ type: 'hello', client });
    expect((await p.waitFor('error')).error.code).toBe('UNAUTHORIZED');
  });
});
