// The data folder's disk fills up mid-job: the daemon stays up, refuses new jobs with STORE_FULL, and recovers.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { ShotRequestInput } from '../../shared/protocol';
import { startCompanion, type RunningCompanion } from '../support/companion-harness';
import { smallDisk, type SmallDisk } from '../support/small-disk';
import { TestPanel } from '../support/test-panel';

const shot = (shotId: string, seconds?: number): ShotRequestInput => ({
  shotId,
  prompt: 'x',
  duration: seconds ? { seconds } : { frames: 1 },
  fps: { num: 24, den: 1 },
  size: { width: 32, height: 32 },
  backend: 'slate',
});

describe('a full disk under the job database', () => {
  let disk: SmallDisk;
  let running: RunningCompanion;
  let panel: TestPanel;
  const warnings: string[] = [];

  beforeEach(async () => {
    disk = smallDisk();
    const store = disk.openStore('jobs.sqlite');
    running = await startCompanion({ store, warn: (m) => warnings.push(m) });
    panel = await TestPanel.connect(running.url);
    await panel.pair(running.token);
  });
  afterEach(async () => {
    panel.close();
    await running.stop();
    disk.release();
  });

  test(`jobs are held and refused with STORE_FULL, and saved when space returns`, async () => {
    panel.send({ type: 'generate', id: 'long', shots: [shot('LONG', 60)] });
    const long = (await panel.waitFor('accepted', (m) => m.re === 'long')).jobs[0]!.jobId;
    await panel.waitFor('job.progress', (m) => m.jobId === long);
    disk.fill();

    panel.send({ type: 'generate', id: 'full', shots: [shot('FULL')] });
    const refused = await panel.waitFor('error', (m) => m.re === 'full');
    expect(refused.error.code).toBe('STORE_FULL');
    expect(refused.error.message).toContain(join(disk.dir, 'jobs.sqlite'));
    expect(refused.error.message).toMatch(/database or disk is full/);

    // The running job's end cannot be written either: it is held, and the daemon goes on serving.
    panel.send({ type: 'cancel', id: 'c', jobId: long });
    await panel.waitFor('job.failed', (m) => m.jobId === long);
    expect(warnings.join('\n')).toMatch(/STORE_FULL/);
    panel.send({ type: 'jobs.list', id: 'l' });
    expect((await panel.waitFor('jobs', (m) => m.re === 'l')).jobs).toHaveLength(1);

    disk.free();
    panel.send({ type: 'generate', id: 'again', shots: [shot('AGAIN')] });
    const again = (await panel.waitFor('accepted', (m) => m.re === 'again')).jobs[0]!.jobId;
    await panel.waitFor('job.done', (m) => m.jobId === again);
    const db = new Database(join(disk.dir, 'jobs.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT job_id, status FROM jobs').all() as { job_id: string; status: string }[];
    db.close();
    expect(new Map(rows.map((r) => [r.job_id, r.status]))).toEqual(
      new Map([
        [long, 'cancelled'],
        [again, 'done'],
      ]),
    );
  });
});
