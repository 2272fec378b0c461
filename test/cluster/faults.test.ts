// Faults injected into a running studio cluster: coordinator and Redis restarts, paused and wrong workers.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ShotRequestInput } from '../../shared/protocol';
import {
  ClusterHarness,
  doneMessages,
  settledStatuses,
  tinyShot,
  type JobDone,
} from '../support/cluster-harness';
import { probeClip } from '../support/ffprobe';
import { SHOTLINE_BIN } from '../support/repo-root';
import type { TestPanel } from '../support/test-panel';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Long enough to encode that writes are in flight whenever something happens to the cluster. */
const batchShot = (shotId: string, extra: Partial<ShotRequestInput> = {}) =>
  tinyShot(shotId, {
    backend: 'synthetic',
    duration: { frames: 24 },
    size: { width: 128, height: 128 },
    ...extra,
  });

const SLOW_WORKER = ['--backend', 'synthetic', '--synthetic-delay-ms', '300'];

/** Polls until `check` holds; false at the deadline. */
async function eventually(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

const sidecarFinishedAt = (done: JobDone) =>
  (JSON.parse(readFileSync(done.output.sidecarPath, 'utf8')) as { finishedAt: string }).finishedAt;

describe('studio cluster faults', () => {
  let cluster: ClusterHarness | undefined;
  afterEach(async () => {
    await cluster?.stop();
    cluster = undefined;
  });

  /** Two panels (sessions) submit `perPanel` shots each; resolves with each panel's job ids. */
  async function submitBatch(c: ClusterHarness, perPanel: number): Promise<[TestPanel[], string[][]]> {
    const panels = [await c.connect('session-a'), await c.connect('session-b')];
    const ids = await Promise.all(
      panels.map(async (panel, p) => {
        panel.send({
          type: 'generate',
          id: 'g',
          shots: Array.from({ length: perPanel }, (_, i) => batchShot(`P${p}S${i}`)),
        });
        return (await panel.waitFor('accepted')).jobs.map((j) => j.jobId);
      }),
    );
    return [panels, ids];
  }

  test('coordinator SIGKILLed three times mid-batch: 30/30 done, none failed, writes in flight kept', async () => {
    cluster = await ClusterHarness.start();
    await cluster.startCoordinator();
    await Promise.all([cluster.startWorker(SLOW_WORKER), cluster.startWorker(SLOW_WORKER)]);
    // Another machine's clip being written into the shared folder right now: no coordinator start may touch it.
    const foreign = join(cluster.outputs, '.OTHER_take1_0a1b2c3d.mp4.partial-gpu-07.4242.0a1b2c3d');
    writeFileSync(foreign, 'half a clip');
    const [firstPanels, ids] = await submitBatch(cluster, 15);
    let panels = firstPanels;
    for (let round = 0; round < 3; round++) {
      await sleep(1200);
      await cluster.coordinator!.kill('SIGKILL');
      await cluster.startCoordinator();
      panels = [await cluster.connect('session-a'), await cluster.connect('session-b')];
    }
    const statuses = await Promise.all(panels.map((panel, p) => settledStatuses(panel, ids[p]!, 90_000)));
    expect(statuses.flat()).toEqual(Array.from({ length: 30 }, () => 'done'));
    expect(existsSync(foreign)).toBe(true);
    const clips = readdirSync(cluster.outputs).filter((f) => f.endsWith('.mp4'));
    expect(clips).toHaveLength(30);
  }, 150_000);

  test('partials removed under the workers: the take is retried (OUTPUT_MISSING), never failed', async () => {
    cluster = await ClusterHarness.start();
    await cluster.startCoordinator();
    await cluster.startWorker([...SLOW_WORKER, '--concurrency', '2']);
    const [panels, ids] = await submitBatch(cluster, 6);
    // Something outside Shotline (an old coordinator, a person) deletes a half-written clip of some jobs, once each.
    const hit = new Set<string>();
    const remover = setInterval(() => {
      for (const name of readdirSync(cluster!.outputs)) {
        const at = name.indexOf('.partial-');
        if (at < 0 || hit.size >= 4 || hit.has(name.slice(0, at))) continue;
        hit.add(name.slice(0, at));
        rmSync(join(cluster!.outputs, name), { force: true });
      }
    }, 5);
    try {
      const statuses = await Promise.all(panels.map((panel, p) => settledStatuses(panel, ids[p]!, 90_000)));
      expect(statuses.flat()).toEqual(Array.from({ length: 12 }, () => 'done'));
    } finally {
      clearInterval(remover);
    }
    expect(hit.size).toBeGreaterThan(0);
  }, 120_000);

  test('Redis restarted empty mid-batch: 30/30 done, each once, the delivered clip is the one on disk', async () => {
    cluster = await ClusterHarness.start();
    const coordinator = await cluster.startCoordinator();
    await Promise.all([cluster.startWorker(SLOW_WORKER), cluster.startWorker(SLOW_WORKER)]);
    const [panels, ids] = await submitBatch(cluster, 15);
    expect(await eventually(() => panels.reduce((n, p) => n + doneMessages(p).length, 0) >= 5, 60_000)).toBe(
      true,
    );
    await cluster.restartRedisEmpty();
    const statuses = await Promise.all(panels.map((panel, p) => settledStatuses(panel, ids[p]!, 90_000)));
    expect(statuses.flat()).toEqual(Array.from({ length: 30 }, () => 'done'));
    expect(coordinator.stderr()).toMatch(/Redis lost the queue/);
    panels.forEach((panel, p) => {
      const done = doneMessages(panel);
      expect(done.map((m) => m.jobId).sort()).toEqual([...ids[p]!].sort());
      // Run once: a second run would have rewritten the sidecar after the panel was told.
      for (const m of done) expect(sidecarFinishedAt(m)).toBe(m.provenance.finishedAt);
    });
  }, 150_000);

  test('a worker paused past its lock never replaces the clip another worker delivered', async () => {
    cluster = await ClusterHarness.start();
    await cluster.startCoordinator();
    const args = ['--backend', 'synthetic', '--synthetic-delay-ms', '8000', '--lock-ms', '1500'];
    const workers = [await cluster.startWorker(args), await cluster.startWorker(args)];
    const panel = await cluster.connect('session-pause');
    panel.send({ type: 'generate', id: 'g', shots: [tinyShot('PAUSE', { backend: 'synthetic' })] });
    const jobId = (await panel.waitFor('accepted')).jobs[0]!.jobId;
    await panel.waitFor('job.progress', (m) => m.progress.phase === 'generating');
    // Heartbeats (every 5 s) say which worker runs it.
    let busy: string | undefined;
    for (let round = 0; !busy && round < 100; round++) {
      panel.send({ type: 'workers.list', id: `w${round}` });
      busy = (await panel.waitFor('workers', (m) => m.re === `w${round}`)).workers.find(
        (w) => w.active > 0,
      )?.id;
      if (!busy) await sleep(200);
    }
    const paused = workers.find((w) => w.id === busy)!;
    expect(paused).toBeDefined();
    paused.child.kill('SIGSTOP');
    let done: JobDone;
    try {
      done = await panel.waitFor('job.done', (m) => m.jobId === jobId, 60_000);
    } finally {
      paused.child.kill('SIGCONT');
    }
    const delivered = { finishedAt: sidecarFinishedAt(done), mtimeMs: statSync(done.output.path).mtimeMs };
    expect(delivered.finishedAt).toBe(done.provenance.finishedAt);
    // The stale worker wakes, notices it lost the lock, and stops without committing.
    const noticed = await eventually(() => /clip was not committed/.test(paused.stderr()), 20_000);
    expect(sidecarFinishedAt(done)).toBe(delivered.finishedAt);
    expect(statSync(done.output.path).mtimeMs).toBe(delivered.mtimeMs);
    expect(noticed).toBe(true);
    expect(doneMessages(panel)).toHaveLength(1);
    expect(panel.received.filter((m) => m.type === 'job.failed')).toEqual([]);
  }, 90_000);

  test('a misspelt model is refused within a second, naming what the workers serve', async () => {
    cluster = await ClusterHarness.start(['--maxmemory-policy', 'allkeys-lru']);
    const coordinator = await cluster.startCoordinator();
    await cluster.startWorker(['--backend', 'slate']);
    const panel = await cluster.connect('session-typo');
    panel.send({ type: 'generate', id: 'g', shots: [tinyShot('TYPO', { model: 'wan22-5bb' })] });
    await panel.waitFor('accepted');
    const failed = await panel.waitFor('job.failed', undefined, 1000);
    expect(failed.error).toEqual({
      code: 'NO_WORKER',
      message:
        "No live worker serves slate.wan22-5bb; workers serve slate.default. Check the shot's backend and model.",
    });
    // The coordinator read Redis's settings and said what production needs.
    expect(await eventually(() => /maxmemory-policy allkeys-lru/.test(coordinator.stderr()), 5000)).toBe(
      true,
    );
    expect(coordinator.stderr()).toMatch(/appendonly no/);
  }, 60_000);

  test('with --worker-wait, a shot nobody serves fails when the wait is over', async () => {
    cluster = await ClusterHarness.start();
    await cluster.startCoordinator(['--worker-wait', '1']);
    const panel = await cluster.connect('session-wait');
    panel.send({ type: 'generate', id: 'g', shots: [tinyShot('WAIT')] });
    const accepted = Date.now();
    // Meanwhile the panel is told why nothing happens.
    const note = await panel.waitFor('job.progress', (m) => m.progress.waiting !== undefined, 1000);
    expect(note.progress.waiting).toBe('Waiting up to 1 s for a worker that serves slate.default');
    const failed = await panel.waitFor('job.failed', undefined, 10_000);
    expect(Date.now() - accepted).toBeGreaterThanOrEqual(1000);
    expect(failed.error.code).toBe('NO_WORKER');
    expect(failed.error.message).toMatch(
      /^No worker came within 1 s to serve slate\.default; no worker is connected/,
    );
  }, 60_000);

  test("workers encode with the coordinator's codec: a .mov holds ProRes", async () => {
    cluster = await ClusterHarness.start();
    await cluster.startCoordinator(['--codec', 'prores-proxy']);
    await cluster.startWorker(['--backend', 'slate']);
    const panel = await cluster.connect('session-codec');
    panel.send({ type: 'generate', id: 'g', shots: [tinyShot('PRORES')] });
    const done = await panel.waitFor('job.done', undefined, 60_000);
    expect(done.output.path).toMatch(/\.mov$/);
    expect(done.output.codec).toBe('prores');
    expect(probeClip(done.output.path).codec).toBe('prores');
    // A worker has no codec of its own to disagree with.
    const run = spawnSync(
      process.execPath,
      [SHOTLINE_BIN, 'worker', '--queue', cluster.redis.url, '--codec', 'h264'],
      {
        encoding: 'utf8',
        timeout: 20_000,
      },
    );
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/unknown option '--codec'/);
  }, 60_000);
});
