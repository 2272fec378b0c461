// A studio cluster for tests: a throwaway Redis, a coordinator process, worker processes and panels.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ShotRequestInput, ToClientMessage } from '../../shared/protocol';
import { startDaemon, type DaemonProcess } from './daemon-process';
import { startRedis, type RunningRedis } from './redis-server';
import { TestPanel } from './test-panel';
import { startWorker, type WorkerProcess } from './worker-process';

export type JobDone = Extract<ToClientMessage, { type: 'job.done' }>;

/** A shot that renders in a blink: the cluster, not the model, is under test. */
export const tinyShot = (shotId: string, extra: Partial<ShotRequestInput> = {}): ShotRequestInput => ({
  shotId,
  prompt: shotId,
  duration: { frames: 2 },
  fps: { num: 24, den: 1 },
  size: { width: 32, height: 32 },
  seed: 1,
  backend: 'slate',
  ...extra,
});

export class ClusterHarness {
  coordinator?: DaemonProcess;
  workers: WorkerProcess[] = [];
  panels: TestPanel[] = [];

  private constructor(
    public redis: RunningRedis,
    readonly dataDir: string,
  ) {}

  static async start(redisArgs: string[] = []): Promise<ClusterHarness> {
    const redis = await startRedis({ args: redisArgs });
    return new ClusterHarness(redis, mkdtempSync(join(tmpdir(), 'shotline-cluster-')));
  }

  get outputs(): string {
    return join(this.dataDir, 'outputs');
  }

  async startCoordinator(args: string[] = [], backends = 'slate,synthetic'): Promise<DaemonProcess> {
    this.coordinator = await startDaemon(this.dataDir, {}, [
      '--queue',
      this.redis.url,
      '--backends',
      backends,
      ...args,
    ]);
    return this.coordinator;
  }

  async startWorker(args: string[]): Promise<WorkerProcess> {
    const worker = await startWorker(this.redis.url, args);
    this.workers.push(worker);
    return worker;
  }

  /** A panel paired with the current coordinator; the same session after a restart gets its jobs' events. */
  async connect(session: string): Promise<TestPanel> {
    const panel = await TestPanel.connect(this.coordinator!.url);
    this.panels.push(panel);
    panel.send({
      type: 'hello',
      token: this.coordinator!.token,
      client: { name: 't', version: '0' },
      session,
    });
    await panel.waitFor('welcome');
    return panel;
  }

  /** Redis killed and started again on its port with nothing in it, as after a restart without persistence. */
  async restartRedisEmpty(): Promise<void> {
    await this.redis.stop();
    this.redis = await startRedis({ port: this.redis.port });
  }

  async stop(): Promise<void> {
    this.panels.splice(0).forEach((p) => p.close());
    await Promise.all(this.workers.splice(0).map((w) => w.kill()));
    await this.coordinator?.kill();
    this.coordinator = undefined;
    await this.redis.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export const doneMessages = (panel: TestPanel): JobDone[] =>
  panel.received.filter((m): m is JobDone => m.type === 'job.done');

/** Polls `jobs.list` until every id is finished (or the deadline); returns each id's status, failures explained. */
export async function settledStatuses(panel: TestPanel, ids: string[], timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let statuses: string[] = [];
  for (let round = 0; Date.now() < deadline; round++) {
    const id = `list-${round}`;
    panel.send({ type: 'jobs.list', id });
    const list = await panel.waitFor('jobs', (m) => m.re === id);
    statuses = ids.map((jobId) => {
      const job = list.jobs.find((j) => j.jobId === jobId);
      return job?.status === 'failed' ? `failed: ${job.error?.message}` : (job?.status ?? 'missing');
    });
    if (statuses.every((s) => s !== 'queued' && s !== 'running')) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  return statuses;
}
