// Cluster scaling: jobs/s with 1, 2 and 3 workers on a fixed-time synthetic backend, and per-job overhead.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ShotRequestInput } from '../shared/protocol';
import { startDaemon } from '../test/support/daemon-process';
import { startRedis } from '../test/support/redis-server';
import { TestPanel } from '../test/support/test-panel';
import { startWorker } from '../test/support/worker-process';
import type { BenchRow } from './table';

const DELAY_MS = 400;
const JOBS = 30;

async function runWith(workerCount: number): Promise<number> {
  const redis = await startRedis();
  const dataDir = mkdtempSync(join(tmpdir(), 'shotline-scale-'));
  const coordinator = await startDaemon(dataDir, {}, ['--queue', redis.url, '--backends', 'synthetic']);
  const workers = await Promise.all(
    Array.from({ length: workerCount }, () =>
      startWorker(redis.url, ['--backend', 'synthetic', '--synthetic-delay-ms', String(DELAY_MS)]),
    ),
  );
  const panel = await TestPanel.connect(coordinator.url);
  try {
    await panel.pair(coordinator.token);
    const shots: ShotRequestInput[] = Array.from({ length: JOBS }, (_, i) => ({
      shotId: `SCALE-${i}`,
      prompt: 'synthetic',
      duration: { frames: 1 },
      fps: { num: 24, den: 1 },
      size: { width: 16, height: 16 },
      backend: 'synthetic',
    }));
    const started = performance.now();
    panel.send({ type: 'generate', id: 'g', shots });
    const { jobs } = await panel.waitFor('accepted');
    await Promise.all(jobs.map((j) => panel.waitFor('job.done', (m) => m.jobId === j.jobId, 300_000)));
    return performance.now() - started;
  } finally {
    panel.close();
    await Promise.all(workers.map((w) => w.kill()));
    await coordinator.kill();
    await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Rows compare measured wall time with the ideal: jobs x delay / workers (pure generation, no overhead). */
export async function benchClusterScaling(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const workers of [1, 2, 3]) {
    const ms = await runWith(workers);
    const ideal = (JOBS * DELAY_MS) / workers;
    rows.push({
      name: `cluster ${workers} worker(s), ${JOBS} synthetic jobs`,
      ms,
      baseline: `ideal ${JOBS}x${DELAY_MS} ms / ${workers}`,
      baselineMs: ideal,
      note: `${((JOBS / ms) * 1000).toFixed(2)} jobs/s (SYNTHETIC backend, ${DELAY_MS} ms per take); coordinator+worker overhead ${((ms - ideal) / (JOBS / workers)).toFixed(0)} ms per job, tiny ffmpeg encode included`,
    });
  }
  return rows;
}
