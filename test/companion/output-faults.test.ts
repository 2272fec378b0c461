// The output folder fails under a job: removed, or on a read-only file system. OUTPUT_WRITE_FAILED, nothing left.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ShotRequestInput } from '../../shared/protocol';
import { startCompanion, type RunningCompanion } from '../support/companion-harness';
import { smallDisk, type SmallDisk } from '../support/small-disk';
import { TestPanel } from '../support/test-panel';

const shot: ShotRequestInput = {
  shotId: 'OUT',
  prompt: 'x',
  duration: { frames: 3 },
  fps: { num: 24, den: 1 },
  size: { width: 64, height: 64 },
  backend: 'slate',
};

describe('output folder faults', () => {
  let disk: SmallDisk;
  let running: RunningCompanion;
  let panel: TestPanel;
  let outputDir: string;

  beforeEach(async () => {
    disk = smallDisk();
    outputDir = join(disk.dir, 'clips');
    mkdirSync(outputDir);
    running = await startCompanion({ outputDir });
    panel = await TestPanel.connect(running.url);
    await panel.pair(running.token);
  });
  afterEach(async () => {
    panel.close();
    await running.stop();
    disk.writable();
    disk.release();
  });

  async function settle(id: string) {
    panel.send({ type: 'generate', id, shots: [shot] });
    const jobId = (await panel.waitFor('accepted', (m) => m.re === id)).jobs[0]!.jobId;
    return Promise.race([
      panel.waitFor('job.done', (m) => m.jobId === jobId),
      panel.waitFor('job.failed', (m) => m.jobId === jobId),
    ]);
  }

  test('a read-only file system fails the job with OUTPUT_WRITE_FAILED and the path, leaving nothing', async () => {
    disk.readOnly();
    const ended = await settle('ro');
    expect(ended.type).toBe('job.failed');
    if (ended.type !== 'job.failed') return;
    expect(ended.error.code).toBe('OUTPUT_WRITE_FAILED');
    expect(ended.error.message).toMatch(new RegExp(`^Could not write ${outputDir}/OUT_take1_\\S+\\.mp4: `));
    expect(readdirSync(outputDir)).toEqual([]);
    disk.writable();
    expect((await settle('after')).type).toBe('job.done');
  });

  test('an output folder that cannot be made fails with OUTPUT_WRITE_FAILED', async () => {
    rmSync(outputDir, { recursive: true });
    disk.readOnly();
    const ended = await settle('gone');
    expect(ended.type === 'job.failed' && ended.error.code).toBe('OUTPUT_WRITE_FAILED');
    disk.writable();
    expect((await settle('after')).type).toBe('job.done');
  });
});
