// CompanionClient over a fake socket: hello first, frames checked, reconnect with backoff, auth failures final.
import { CompanionClient, type ConnectionState } from '../../plugin/connection/companion-client';
import { backoffDelay } from '../../plugin/connection/backoff';
import { FakeSocket } from '../support/fake-socket';

const welcome = {
  v: 1,
  type: 'welcome',
  server: { name: 'shotline', version: '0.1.0' },
  backends: [],
  outputDir: '/o',
};

function setUp() {
  const sockets: FakeSocket[] = [];
  const timers: { callback: () => void; ms: number }[] = [];
  const states: ConnectionState[] = [];
  const client = new CompanionClient({
    url: 'ws://127.0.0.1:7391',
    token: 'tok',
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    random: () => 1,
    setTimer: (callback, ms) => timers.push({ callback, ms }),
    clearTimer: () => undefined,
  });
  client.on('state', (state) => states.push(state));
  return { client, sockets, timers, states };
}

describe('CompanionClient', () => {
  it('follows a job list\'s "more" marker page by page', () => {
    const { client, sockets } = setUp();
    client.connect();
    const socket = sockets[0] as FakeSocket;
    socket.open();
    socket.receive(welcome);
    client.listJobs();
    socket.receive({ v: 1, type: 'jobs', re: 'r1', jobs: [], more: { offset: 500 } });
    expect(socket.sent.at(-1)).toMatchObject({ type: 'jobs.list', offset: 500 });
    const asked = socket.sent.length;
    socket.receive({ v: 1, type: 'jobs', re: 'r2', jobs: [] });
    expect(socket.sent).toHaveLength(asked);
  });

  it('follows a template library\'s "more" marker for the same project', () => {
    const { client, sockets } = setUp();
    client.connect();
    const socket = sockets[0] as FakeSocket;
    socket.open();
    socket.receive(welcome);
    const page = { v: 1, type: 'templates', project: 'night', templates: [], negativePrompt: null };
    socket.receive({ ...page, more: { offset: 40 } });
    expect(socket.sent.at(-1)).toMatchObject({ type: 'templates.list', project: 'night', offset: 40 });
    const asked = socket.sent.length;
    socket.receive({ ...page, offset: 40 });
    expect(socket.sent).toHaveLength(asked);
  });

  it('sends hello with the token first and is connected after welcome', () => {
    const { client, sockets } = setUp();
    client.connect();
    const socket = sockets[0] as FakeSocket;
    socket.open();
    expect(socket.sent).toEqual([
      { v: 1, type: 'hello', token: 'tok', client: { name: 'shotline-panel', version: '0.1.0' } },
    ]);
    expect(() => client.listJobs()).toThrow('Not connected');
    socket.receive(welcome);
    expect(client.state.status).toBe('connected');
    const id = client.generate([
      {
        shotId: 'L001',
        prompt: 'a roof',
        duration: { seconds: 2 },
        fps: { num: 25, den: 1 },
        size: { width: 1280, height: 720 },
        backend: 'slate',
      },
    ]);
    expect(socket.sent[1]).toMatchObject({ v: 1, type: 'generate', id });
  });

  it('reports a bad frame instead of throwing', () => {
    const { client, sockets } = setUp();
    const bad: string[] = [];
    client.on('bad-frame', (error) => bad.push(error.code));
    client.connect();
    (sockets[0] as FakeSocket).open();
    expect(() => (sockets[0] as FakeSocket).receive('{not json')).not.toThrow();
    (sockets[0] as FakeSocket).receive({ v: 1, type: 'job.progress', jobId: 'nope' });
    expect(bad).toEqual(['BAD_MESSAGE', 'BAD_MESSAGE']);
  });

  it('retries with growing delays when the socket cannot open, in plain words', () => {
    const { client, sockets, timers, states } = setUp();
    client.connect();
    (sockets[0] as FakeSocket).close(1006);
    const waiting = states.at(-1);
    expect(waiting?.status).toBe('waiting');
    expect(waiting?.status === 'waiting' && waiting.reason).toBe(
      'Cannot reach the companion at ws://127.0.0.1:7391: start it with `shotline serve` on this computer.',
    );
    timers[0]?.callback();
    (sockets[1] as FakeSocket).close(1006);
    expect(timers.map((t) => t.ms)).toEqual([500, 1000]);
    expect(backoffDelay(20, { initialMs: 500, maxMs: 30_000, factor: 2 }, () => 0)).toBe(15_000);
  });

  it('stops on a rejected token and closes cleanly on request', () => {
    const { client, sockets, timers } = setUp();
    client.connect();
    const socket = sockets[0] as FakeSocket;
    socket.open();
    socket.receive({ v: 1, type: 'error', error: { code: 'UNAUTHORIZED', message: 'bad token' } });
    socket.close(1008);
    expect(client.state).toMatchObject({ status: 'failed' });
    expect(timers).toHaveLength(0);

    client.connect();
    (sockets[1] as FakeSocket).open();
    client.close();
    expect(client.state.status).toBe('closed');
    expect(timers).toHaveLength(0);
  });
});
