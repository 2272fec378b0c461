// The socket's defences: upgrade checks, pairing limits, message rate, queue bound, safe file names.
import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import WebSocket from 'ws';
import type { ShotRequestInput } from '../../shared/protocol';
import { safeFileStem } from '../../companion/util/ids';
import { startCompanion, type RunningCompanion } from '../support/companion-harness';
import { TestPanel } from '../support/test-panel';

function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', (err) => {
      if (!/Unexpected server response/.test(err.message)) reject(err);
    });
  });
}

const tiny = (shotId: string): ShotRequestInput => ({
  shotId,
  prompt: 'x',
  duration: { frames: 1 },
  fps: { num: 24, den: 1 },
  size: { width: 32, height: 32 },
  backend: 'slate',
});

describe('companion security', () => {
  let running: RunningCompanion;
  const panels: TestPanel[] = [];
  afterEach(async () => {
    panels.splice(0).forEach((p) => p.close());
    await running.stop();
  });

  test('upgrades from foreign hosts and web origins are refused before any protocol', async () => {
    running = await startCompanion();
    const port = new URL(running.url).port;
    expect(await upgradeStatus(running.url, {})).toBe(101);
    expect(await upgradeStatus(running.url, { Host: `localhost:${port}` })).toBe(101);
    expect(await upgradeStatus(running.url, { Origin: 'http://127.0.0.1:5173' })).toBe(101);
    // DNS rebinding: a page on evil.example resolved to 127.0.0.1 still sends its own Host.
    expect(await upgradeStatus(running.url, { Host: `evil.example:${port}` })).toBe(403);
    // Drive-by page: the browser adds its Origin.
    expect(await upgradeStatus(running.url, { Origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(running.url, { Origin: 'null' })).toBe(403);
  });

  test('a flood of messages is throttled and the connection still works afterwards', async () => {
    running = await startCompanion({}, { limits: { messagesPerSecond: 20, messageBurst: 30 } });
    const panel = await TestPanel.connect(running.url);
    panels.push(panel);
    await panel.pair(running.token);
    for (let i = 0; i < 100; i++) panel.send({ type: 'jobs.list', id: `f${i}` });
    await panel.waitFor('jobs', (m) => m.re === 'f28');
    await new Promise((r) => setTimeout(r, 300));
    const limited = panel.received.filter((m) => m.type === 'error' && m.error.code === 'RATE_LIMITED');
    expect(limited.length).toBeGreaterThan(50);
    await new Promise((r) => setTimeout(r, 500));
    panel.send({ type: 'jobs.list', id: 'after' });
    await panel.waitFor('jobs', (m) => m.re === 'after');
    expect(panel.closeCode).toBeUndefined();
  });

  test('each client has a bounded queue and is told clearly when it is full', async () => {
    running = await startCompanion({ maxQueuedPerOwner: 3 });
    const panel = await TestPanel.connect(running.url);
    panels.push(panel);
    await panel.pair(running.token);
    panel.send({
      type: 'generate',
      id: 'a',
      shots: [{ ...tiny('A'), duration: { seconds: 30 } }, tiny('B'), tiny('C')],
    });
    await panel.waitFor('accepted', (m) => m.re === 'a');
    panel.send({ type: 'generate', id: 'b', shots: [tiny('D'), tiny('E')] });
    const error = await panel.waitFor('error', (m) => m.re === 'b');
    expect(error.error).toEqual({
      code: 'QUEUE_FULL',
      message: expect.stringMatching(/holds 2 of your jobs; 2 more would pass the limit of 3/),
      // The numbers, so the panel can say it in the editor's language.
      params: { waiting: 2, takes: 2, limit: 3 },
    });
  });

  test.each([
    ['../../etc/passwd', 'etc_passwd'],
    ['a/b\\c', 'a_b_c'],
    ['CON', 'shot_CON'],
    ['lpt1', 'shot_lpt1'],
    ['..', 'shot_untitled'],
    ['bell\u0007 tab\t', 'bell_tab'],
    ['雨夜 镜头1', '雨夜_镜头1'],
    ['x'.repeat(300), 'x'.repeat(64)],
    ['order\u202Egpj.exe', 'ordergpj.exe'],
    ['iso\u2066late\u2069d\u200E\u061C', 'isolated'],
    ['zero\u200Bwidth\u200D\uFEFF\u2060', 'zerowidth'],
    ['c1\u0085\u009Bcontrols\u0080', 'c1controls'],
    ['a'.repeat(63) + '😀', 'a'.repeat(63)],
    ['x' + 'q\u0307'.repeat(40), 'x' + 'q\u0307'.repeat(31)],
  ])('file names from user text are safe: %j', (input, expected) => {
    const stem = safeFileStem(input);
    expect(stem).toBe(expected);
    expect(stem).not.toMatch(/[/\\\p{Cc}\p{Cf}]|^\.\.?$/u);
    // Throws on a lone surrogate, which a cut through an emoji would leave.
    expect(() => encodeURIComponent(stem)).not.toThrow();
  });

  test('the clip path the panel is sent is exactly the name on disk', async () => {
    running = await startCompanion();
    const panel = await TestPanel.connect(running.url);
    panels.push(panel);
    await panel.pair(running.token);
    panel.send({ type: 'generate', id: 'g', shots: [tiny('\u202Eshot' + 'a'.repeat(55) + '😀')] });
    const done = await panel.waitFor('job.done');
    expect(readdirSync(running.outputDir)).toContain(basename(done.output.path));
    expect(basename(done.output.path)).toMatch(/^shota+😀_take1_/u);
  });
});

describe('work bounds per take', () => {
  let running: RunningCompanion;
  afterEach(() => running.stop());

  test.each([
    [
      'too many frames',
      { duration: { seconds: 100 }, fps: { num: 1000, den: 1 } },
      /100000 frames is more than one take may have \(7200\)/,
    ],
    [
      'too many pixels',
      { duration: { seconds: 60 }, fps: { num: 60, den: 1 }, size: { width: 3840, height: 2160 } },
      /3600 frames at 3840x2160 is more work than one take may be/,
    ],
  ])('a request with %s is refused with JOB_TOO_LARGE', async (_name, change, message) => {
    running = await startCompanion();
    const panel = await TestPanel.connect(running.url);
    await panel.pair(running.token);
    panel.send({ type: 'generate', id: 'big', shots: [{ ...tiny('BIG'), ...change }] });
    const error = await panel.waitFor('error', (m) => m.re === 'big');
    panel.close();
    expect(error.error.code).toBe('JOB_TOO_LARGE');
    expect(error.error.message).toMatch(message);
  });
});
