// A studio cluster for real: Redis, a coordinator process and worker processes, faults included.
import { existsSync } from 'node:fs';
import {
  ClusterHarness,
  doneMessages as doneIds,
  settledStatuses,
  tinyShot as tiny,
} from '../support/cluster-harness';

describe('studio cluster on BullMQ/Redis', () => {
  let cluster: ClusterHarness;

  beforeEach(async () => {
    cluster = await ClusterHarness.start();
  });
  afterEach(() => cluster.stop());

  const startCoordinator = (args: string[] = []) => cluster.startCoordinator(args);
  const startWorker = (args: string[]) => cluster.startWorker(args);
  const connect = (session: string) => cluster.connect(session);

  test('200 jobs from four panels on three workers all finish exactly once', async () => {
    await startCoordinator();
    const workers = await Promise.all(
      [0, 1, 2].map(() => startWorker(['--backend', 'slate', '--concurrency', '2'])),
    );
    const clients = await Promise.all(
      ['alpha', 'bravo', 'charlie', 'delta'].map((s) => connect(`session-${s}`)),
    );
    const accepted = await Promise.all(
      clients.map(async (panel, c) => {
        panel.send({
          type: 'generate',
          id: 'g',
          shots: Array.from({ length: 50 }, (_, j) => tiny(`C${c}J${j}`)),
        });
        return (await panel.waitFor('accepted')).jobs.map((j) => j.jobId);
      }),
    );
    await Promise.all(
      clients.map((panel, c) =>
        Promise.all(accepted[c]!.map((id) => panel.waitFor('job.done', (m) => m.jobId === id, 120_000))),
      ),
    );
    clients.forEach((panel, c) => {
      const done = doneIds(panel).map((m) => m.jobId);
      expect(done.sort()).toEqual([...accepted[c]!].sort());
      expect(new Set(done).size).toBe(50);
      for (const m of doneIds(panel)) expect(existsSync(m.output.path)).toBe(true);
    });
    const list = await (async () => {
      clients[0]!.send({ type: 'workers.list', id: 'w' });
      return clients[0]!.waitFor('workers');
    })();
    expect(list.mode).toBe('cluster');
    expect(list.workers.map((w) => w.id).sort()).toEqual(workers.map((w) => w.id).sort());
  }, 180_000);

  test('a worker killed mid-job: the job runs again on another worker and finishes once', async () => {
    await startCoordinator();
    const args = ['--backend', 'synthetic', '--synthetic-delay-ms', '3000', '--lock-ms', '1500'];
    const workers = [await startWorker(args), await startWorker(args)];
    const panel = await connect('session-kill');
    panel.send({ type: 'generate', id: 'g', shots: [tiny('K1', { backend: 'synthetic' })] });
    const { jobs } = await panel.waitFor('accepted');
    await panel.waitFor('job.progress', (m) => m.progress.phase === 'generating');
    panel.send({ type: 'workers.list', id: 'w' });
    const busy = (await panel.waitFor('workers')).workers.find((w) => w.active > 0);
    const victim = workers.find((w) => w.id === busy?.id) ?? workers[0]!;
    await victim.kill('SIGKILL');
    const done = await panel.waitFor('job.done', (m) => m.jobId === jobs[0]!.jobId, 60_000);
    expect(existsSync(done.output.path)).toBe(true);
    expect(doneIds(panel)).toHaveLength(1);
    expect(panel.received.filter((m) => m.type === 'job.failed')).toEqual([]);
  }, 90_000);

  test('a coordinator killed with jobs in flight loses nothing when it comes back', async () => {
    await startCoordinator();
    await startWorker(['--backend', 'synthetic', '--synthetic-delay-ms', '200']);
    const first = await connect('session-restart');
    first.send({
      type: 'generate',
      id: 'g',
      shots: Array.from({ length: 12 }, (_, i) => tiny(`R${i}`, { backend: 'synthetic' })),
    });
    const ids = (await first.waitFor('accepted')).jobs.map((j) => j.jobId);
    await first.waitFor('job.done');
    await cluster.coordinator!.kill('SIGKILL');
    await startCoordinator();
    const second = await connect('session-restart');
    const statuses = await settledStatuses(second, ids, 60_000);
    expect(statuses).toEqual(ids.map(() => 'done'));
  }, 90_000);

  test('routing by model, interactive before batch, and fairness between editors', async () => {
    // Waiting for a worker is switched on: m2's job waits for its worker instead of failing with NO_WORKER.
    await startCoordinator(['--worker-wait', '60']);
    await startWorker(['--backend', 'synthetic', '--model-id', 'm1', '--synthetic-delay-ms', '100']);
    const big = await connect('session-big');
    const small = await connect('session-small');
    // No worker serves m2 yet: its job must wait, never run on the m1 worker.
    big.send({ type: 'generate', id: 'm2', shots: [tiny('M2', { backend: 'synthetic', model: 'm2' })] });
    const m2 = (await big.waitFor('accepted', (m) => m.re === 'm2')).jobs[0]!.jobId;
    big.send({
      type: 'generate',
      id: 'batch',
      shots: Array.from({ length: 12 }, (_, i) =>
        tiny(`B${i}`, { backend: 'synthetic', model: 'm1', priority: 'batch' }),
      ),
    });
    big.send({
      type: 'generate',
      id: 'big',
      shots: Array.from({ length: 12 }, (_, i) => tiny(`I${i}`, { backend: 'synthetic', model: 'm1' })),
    });
    small.send({
      type: 'generate',
      id: 'small',
      shots: Array.from({ length: 3 }, (_, i) => tiny(`S${i}`, { backend: 'synthetic', model: 'm1' })),
    });
    await small.waitFor('accepted');
    await Promise.all([0, 1, 2].map((i) => small.waitFor('job.done', (m) => m.shotId === `S${i}`, 60_000)));
    await big.waitFor('job.done', (m) => m.shotId === 'B11', 60_000);
    await big.waitFor('job.done', (m) => m.shotId === 'I11', 60_000);
    const order = [...doneIds(big), ...doneIds(small)]
      .map((m) => ({ shot: m.shotId, at: Date.parse(m.provenance.finishedAt) }))
      .sort((a, b) => a.at - b.at)
      .map((x) => x.shot);
    // Every interactive shot finishes before the last batch shots; the small editor is not starved.
    const lastInteractive = Math.max(...order.map((s, i) => (/^[IS]/.test(s) ? i : -1)));
    const batchAfter = order.slice(lastInteractive + 1).filter((s) => s.startsWith('B'));
    expect(batchAfter.length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...['S0', 'S1', 'S2'].map((s) => order.indexOf(s)))).toBeLessThan(10);
    expect(big.received.some((m) => m.type === 'job.done' && m.jobId === m2)).toBe(false);
    await startWorker(['--backend', 'synthetic', '--model-id', 'm2', '--synthetic-delay-ms', '50']);
    await big.waitFor('job.done', (m) => m.jobId === m2, 30_000);
  }, 120_000);

  test('Redis unreachable: the shot fails with a clear sentence and status is still served', async () => {
    await cluster.redis.stop();
    await startCoordinator();
    const panel = await connect('session-down');
    panel.send({ type: 'generate', id: 'g', shots: [tiny('D1')] });
    const failed = await panel.waitFor('job.failed', undefined, 30_000);
    expect(failed.error.code).toBe('QUEUE_UNAVAILABLE');
    expect(failed.error.message).toMatch(/job queue at 127\.0\.0\.1:\d+ is unreachable/);
    panel.send({ type: 'jobs.list', id: 'l' });
    expect((await panel.waitFor('jobs')).jobs[0]!.status).toBe('failed');
  }, 60_000);
});
