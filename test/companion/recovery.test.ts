// kill -9 the daemon mid-job, start it again: queued jobs run, the running one restarts, nothing is lost or doubled.
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePartialName } from '../../companion/media/atomic-file';
import type { ShotRequestInput } from '../../shared/protocol';
import { startDaemon, type DaemonProcess } from '../support/daemon-process';
import { probeClip } from '../support/ffprobe';
import { TestPanel } from '../support/test-panel';

const SESSION = 'panel-session-1';

function shot(shotId: string, seconds: number): ShotRequestInput {
  return {
    shotId,
    prompt: `Shot ${shotId}`,
    duration: { seconds },
    fps: { num: 24, den: 1 },
    size: { width: 320, height: 180 },
    seed: 3,
    backend: 'slate',
  };
}

describe('crash recovery', () => {
  let dataDir: string;
  let daemon: DaemonProcess | undefined;
  const panels: TestPanel[] = [];

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'shotline-recovery-'));
  });
  afterEach(async () => {
    panels.splice(0).forEach((p) => p.close());
    await daemon?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function pairedPanel(d: DaemonProcess): Promise<TestPanel> {
    const panel = await TestPanel.connect(d.url);
    panels.push(panel);
    panel.send({ type: 'hello', token: d.token, client: { name: 'test', version: '0' }, session: SESSION });
    await panel.waitFor('welcome');
    return panel;
  }

  // One slate lane, so that at the kill one job is done, one running and one still queued.
  const SERIAL = ['--slate-jobs', '1'];

  test('SIGKILL mid-job, restart: every job finishes once and the panel gets its results', async () => {
    daemon = await startDaemon(dataDir, {}, SERIAL);
    const first = await pairedPanel(daemon);
    first.send({
      type: 'generate',
      id: 'g',
      shots: [shot('DONE', 0.5), shot('RUNNING', 40), shot('QUEUED', 0.5)],
    });
    const accepted = await first.waitFor('accepted');
    const [done, running, queued] = accepted.jobs.map((j) => j.jobId);
    await first.waitFor('job.done', (m) => m.jobId === done);
    await first.waitFor('job.progress', (m) => m.jobId === running && m.progress.step > 10);
    // Progress is saved every couple of seconds; the kill lands mid-encode with a partial file on disk.
    await new Promise((r) => setTimeout(r, 300));
    expect(readdirSync(join(dataDir, 'outputs')).some((f) => f.includes('.partial-'))).toBe(true);
    // A stray leftover from an even older crash must go too.
    // (named the old way, with no owner: it goes because nothing has written to it for two days).
    const stray = join(dataDir, 'outputs', '.OLD_take1.mp4.partial-deadbeef');
    writeFileSync(stray, 'junk');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    utimesSync(stray, twoDaysAgo, twoDaysAgo);
    await daemon.kill('SIGKILL');

    daemon = await startDaemon(dataDir, {}, SERIAL);
    expect(daemon.stdout()).toMatch(/Jobs restored: 2 to run, 1 finished/);
    // Only the dead daemon's partials go: the restored job may already be writing its own again.
    const leftovers = readdirSync(join(dataDir, 'outputs')).filter(
      (f) => f.includes('.partial-') && parsePartialName(f)?.owner?.pid !== daemon!.child.pid,
    );
    expect(leftovers).toEqual([]);
    const second = await pairedPanel(daemon);
    second.send({ type: 'jobs.list', id: 'l' });
    const list = await second.waitFor('jobs');
    expect(new Map(list.jobs.map((j) => [j.jobId, j.status]))).toEqual(
      new Map([
        [done, 'done'],
        [running, expect.stringMatching(/queued|running/)],
        [queued, expect.stringMatching(/queued|running/)],
      ]),
    );
    // The restarted job's events reach the reconnected panel through its session.
    second.send({ type: 'cancel', id: 'c', jobId: running! });
    await second.waitFor('job.failed', (m) => m.jobId === running);
    const queuedDone = await second.waitFor('job.done', (m) => m.jobId === queued);
    expect(probeClip(queuedDone.output.path).frames).toBe(12);

    second.send({ type: 'jobs.list', id: 'l2' });
    const after = await second.waitFor('jobs', (m) => m.re === 'l2');
    expect(after.jobs).toHaveLength(3);
    expect(after.jobs.find((j) => j.jobId === done)!.output!.path).toMatch(/DONE_take1/);
    const clips = readdirSync(join(dataDir, 'outputs')).filter((f) => f.endsWith('.mp4'));
    expect(clips.sort()).toEqual([
      expect.stringMatching(/^DONE_take1_/),
      expect.stringMatching(/^QUEUED_take1_/),
    ]);
  });

  test('a finished clip deleted while the daemon was down is reported, not listed as done', async () => {
    daemon = await startDaemon(dataDir);
    const panel = await pairedPanel(daemon);
    panel.send({ type: 'generate', id: 'g', shots: [shot('GONE', 0.25)] });
    const done = await panel.waitFor('job.done');
    await daemon.kill('SIGTERM');
    rmSync(done.output.path);
    daemon = await startDaemon(dataDir);
    const again = await pairedPanel(daemon);
    again.send({ type: 'jobs.list', id: 'l' });
    const [job] = (await again.waitFor('jobs')).jobs;
    expect(job).toMatchObject({ status: 'failed', error: { code: 'OUTPUT_MISSING' } });
  });
});
