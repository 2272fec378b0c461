// A second studio user and a hostile local process: users kept apart, caps per user, no lock-out, no memory blow-up.
import { createHash, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import WebSocket from 'ws';
import { MAX_MESSAGE_BYTES, type ShotRequestInput } from '../../shared/protocol';
import { TokenBook } from '../../companion/config/user-tokens';
import { startCompanion, type RunningCompanion } from '../support/companion-harness';
import { adoptFinishedJobs } from '../support/finished-jobs';
import { TestPanel } from '../support/test-panel';

const tiny = (shotId: string, seconds?: number): ShotRequestInput => ({
  shotId,
  prompt: 'x',
  duration: seconds ? { seconds } : { frames: 1 },
  fps: { num: 24, den: 1 },
  size: { width: 32, height: 32 },
  backend: 'slate',
});

/** A users.json as `shotline user add` writes it, for two users with fresh tokens. */
function twoUsers(primary: string) {
  const tokens = { ann: randomBytes(32).toString('hex'), bob: randomBytes(32).toString('hex') };
  const users = Object.entries(tokens).map(([name, token]) => ({
    name,
    sha256: createHash('sha256').update(token).digest('hex'),
    createdAt: new Date().toISOString(),
  }));
  return { tokens, book: new TokenBook(primary, { users }) };
}

const PRIMARY = randomBytes(32).toString('hex');

describe('studio users and limits', () => {
  let running: RunningCompanion;
  const panels: TestPanel[] = [];
  const connect = async (token?: string) => {
    const panel = await TestPanel.connect(running.url);
    panels.push(panel);
    if (token) await panel.pair(token);
    return panel;
  };
  afterEach(async () => {
    panels.splice(0).forEach((p) => p.close());
    await running.stop();
  });

  test('a user sees, hears about and cancels only their own jobs; the companion token sees all', async () => {
    const { tokens, book } = twoUsers(PRIMARY);
    running = await startCompanion({}, { token: PRIMARY, users: book });
    const ann = await connect(tokens.ann);
    const bob = await connect(tokens.bob);
    ann.send({ type: 'generate', id: 'g', shots: [tiny('ANN', 30), tiny('ANN2')] });
    const accepted = await ann.waitFor('accepted', (m) => m.re === 'g');
    const annJob = accepted.jobs[0]!.jobId;
    await ann.waitFor('job.progress', (m) => m.jobId === annJob);

    bob.send({ type: 'jobs.list', id: 'l' });
    expect((await bob.waitFor('jobs', (m) => m.re === 'l')).jobs).toEqual([]);
    bob.send({ type: 'cancel', id: 'c', jobId: annJob });
    expect((await bob.waitFor('error', (m) => m.re === 'c')).error.code).toBe('JOB_NOT_FOUND');
    expect(running.companion.queue.get(annJob)!.status).toBe('running');
    expect(bob.received.filter((m) => m.type.startsWith('job.'))).toEqual([]);

    ann.send({ type: 'jobs.list', id: 'l' });
    expect((await ann.waitFor('jobs', (m) => m.re === 'l')).jobs.map((j) => j.shotId)).toEqual([
      'ANN',
      'ANN2',
    ]);
    const admin = await connect(PRIMARY);
    admin.send({ type: 'jobs.list', id: 'l' });
    expect((await admin.waitFor('jobs', (m) => m.re === 'l')).jobs).toHaveLength(2);
  });

  test('the queue cap counts per token, not per connection', async () => {
    running = await startCompanion({ maxQueuedPerOwner: 3 }, { token: PRIMARY });
    const first = await connect(PRIMARY);
    first.send({ type: 'generate', id: 'a', shots: [tiny('LONG', 30), tiny('B'), tiny('C')] });
    await first.waitFor('accepted', (m) => m.re === 'a');
    const second = await connect(PRIMARY);
    second.send({ type: 'generate', id: 'b', shots: [tiny('D'), tiny('E')] });
    const error = await second.waitFor('error', (m) => m.re === 'b');
    expect(error.error.code).toBe('QUEUE_FULL');
    expect(error.error.message).toMatch(/holds 2 of your jobs; 2 more would pass the limit of 3/);
    expect(error.error.params).toEqual({ waiting: 2, takes: 2, limit: 3 });
  });

  test('wrong tokens are slowed down, and the right token is still let straight in', async () => {
    running = await startCompanion({}, { maxFailedPairingsPerMinute: 3 });
    for (let i = 0; i < 10; i++) {
      const guess = await connect();
      guess.send({ type: 'hello', token: `wrong-${i}`, client: { name: 't', version: '0' } });
    }
    const late = await connect();
    late.send({ type: 'hello', token: 'wrong-late', client: { name: 't', version: '0' } });
    const user = await connect();
    await user.pair(running.token);
    // The guess sent before the right token is still unanswered when the right one has paired.
    expect(late.received).toEqual([]);
    expect((await late.waitFor('error')).error.code).toBe('UNAUTHORIZED');
    expect(await late.waitClosed()).toBe(4401);
    // One guess per connection: a second hello on it is not another try.
    const again = await connect();
    again.send({ type: 'hello', token: 'wrong-a', client: { name: 't', version: '0' } });
    again.send({ type: 'hello', token: running.token, client: { name: 't', version: '0' } });
    expect((await again.waitFor('error', (m) => m.error.code !== 'UNAUTHORIZED')).error.code).toBe(
      'BAD_MESSAGE',
    );
    expect(again.received.some((m) => m.type === 'welcome')).toBe(false);
  });

  test('every job list reply fits the panel frame limit; "more" pages through a long history', async () => {
    running = await startCompanion();
    adoptFinishedJobs(running.companion, 4500, 'conn:old');
    const panel = await connect(running.token);
    const sizes: number[] = [];
    panel.socket.on('message', (data: Buffer) => sizes.push(data.length));
    const seen: string[] = [];
    let offset: number | undefined;
    for (let page = 0; page < 50; page++) {
      panel.send({ type: 'jobs.list', id: `p${page}`, ...(offset !== undefined && { offset }) });
      const reply = await panel.waitFor('jobs', (m) => m.re === `p${page}`);
      seen.push(...reply.jobs.map((j) => j.jobId));
      offset = reply.more?.offset;
      if (offset === undefined) break;
    }
    expect(new Set(seen).size).toBe(4500);
    expect(sizes.length).toBeGreaterThan(2);
    for (const size of sizes) expect(size).toBeLessThan(MAX_MESSAGE_BYTES);
    expect(panel.invalid).toEqual([]);
  });

  /** The panel's TCP socket stops (or starts again) reading: replies pile up in the kernel, then the daemon. */
  const tcp = (panel: TestPanel) =>
    (panel.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;

  test('a client that stops reading is cut off and the daemon keeps answering others', async () => {
    running = await startCompanion({}, { limits: { maxBufferedBytes: 1024 * 1024, slowPeerCloseMs: 200 } });
    adoptFinishedJobs(running.companion, 1500, 'conn:old', 300);
    const stuck = await connect(running.token);
    tcp(stuck).pause();
    for (let i = 0; i < 150; i++) stuck.send({ type: 'jobs.list', id: `s${i}` });
    const other = await connect(running.token);
    const deadline = Date.now() + 20_000;
    let open = 2;
    while (open > 1 && Date.now() < deadline) {
      other.send({ type: 'jobs.list', id: 'ping' });
      await other.waitFor('jobs', (m) => m.re === 'ping');
      other.received.length = 0;
      open = running.server.openConnections;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(open).toBe(1);
    tcp(stuck).resume();
    await stuck.waitClosed();
  });

  test('a slow client is sent a close frame with code 1013 and a reason before anything is destroyed', async () => {
    const warnings: string[] = [];
    const sink = new Writable({
      write(line: Buffer, _encoding, done) {
        warnings.push(JSON.parse(line.toString()).msg);
        done();
      },
    });
    running = await startCompanion(
      {},
      {
        limits: { maxBufferedBytes: 1024 * 1024, slowPeerCloseMs: 15_000 },
        log: pino({ level: 'warn' }, sink),
      },
    );
    adoptFinishedJobs(running.companion, 1500, 'conn:old', 300);
    const slow = await connect(running.token);
    const closed = new Promise<[number, string]>((resolve) =>
      slow.socket.once('close', (code, reason) => resolve([code, reason.toString()])),
    );
    tcp(slow).pause();
    for (let i = 0; i < 150; i++) slow.send({ type: 'jobs.list', id: `s${i}` });
    const deadline = Date.now() + 20_000;
    while (!warnings.includes('peer stopped reading: closing the connection') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    // Reading again in time, it gets what waited, then the close frame: a clean close, not a dropped socket.
    tcp(slow).resume();
    expect(await closed).toEqual([1013, 'not reading: too many replies waiting']);
    while (running.server.openConnections > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(running.server.openConnections).toBe(0);
    expect(warnings).not.toContain('peer did not complete the close: connection dropped');
  });

  test('unpaired sockets are capped without shutting out the user; paired ones are capped at the upgrade', async () => {
    running = await startCompanion({}, { maxUnpaired: 2, maxConnections: 2 });
    const idle = [await connect(), await connect(), await connect()];
    expect(await idle[0]!.waitClosed()).toBe(1013);
    await connect(running.token);
    await connect(running.token);
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(running.url);
      ws.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.once('open', () => resolve(101));
      ws.once('error', () => undefined);
    });
    expect(refused).toBe(503);
  });
});
