// Faults the daemon must survive: each job fails with its own code and sentence, the next job still works.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ShotRequestInput } from '../../shared/protocol';
import { startCompanion, type RunningCompanion } from '../support/companion-harness';
import { TestPanel } from '../support/test-panel';

const shot: ShotRequestInput = {
  shotId: 'F1',
  prompt: 'fault test',
  duration: { frames: 3 },
  fps: { num: 24, den: 1 },
  size: { width: 64, height: 64 },
  backend: 'slate',
};

/** A stand-in ffmpeg that fails the way a real one does under the fault being tested. */
function fakeFfmpeg(dir: string, script: string): string {
  const path = join(dir, 'ffmpeg');
  writeFileSync(path, `#!/bin/sh\ncat >/dev/null\n${script}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('faults', () => {
  let running: RunningCompanion;
  let dir: string;
  let panel: TestPanel;
  const savedFfmpeg = process.env.SHOTLINE_FFMPEG;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shotline-faults-'));
    running = await startCompanion();
    panel = await TestPanel.connect(running.url);
    await panel.pair(running.token);
  });
  afterEach(async () => {
    if (savedFfmpeg === undefined) delete process.env.SHOTLINE_FFMPEG;
    else process.env.SHOTLINE_FFMPEG = savedFfmpeg;
    panel.close();
    await running.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function failureOf(id: string) {
    panel.send({ type: 'generate', id, shots: [shot] });
    const accepted = await panel.waitFor('accepted', (m) => m.re === id);
    return (await panel.waitFor('job.failed', (m) => m.jobId === accepted.jobs[0]!.jobId)).error;
  }

  async function stillWorks() {
    if (savedFfmpeg === undefined) delete process.env.SHOTLINE_FFMPEG;
    else process.env.SHOTLINE_FFMPEG = savedFfmpeg;
    panel.send({ type: 'generate', id: 'after', shots: [shot] });
    await panel.waitFor('job.done');
  }

  test('ffmpeg missing', async () => {
    process.env.SHOTLINE_FFMPEG = join(dir, 'no-such-ffmpeg');
    expect(await failureOf('m')).toEqual({
      code: 'FFMPEG_MISSING',
      message: `SHOTLINE_FFMPEG points to ${join(dir, 'no-such-ffmpeg')}, which is not an executable file.`,
    });
    await stillWorks();
  });

  test('ffmpeg crashing', async () => {
    process.env.SHOTLINE_FFMPEG = fakeFfmpeg(dir, 'echo "Segmentation fault" >&2; kill -SEGV $$');
    const error = await failureOf('c');
    expect(error.code).toBe('ENCODE_FAILED');
    expect(error.message).toBe('ffmpeg crashed (SIGSEGV): Segmentation fault');
    await stillWorks();
  });

  test('disk full', async () => {
    process.env.SHOTLINE_FFMPEG = fakeFfmpeg(
      dir,
      'echo "av_interleaved_write_frame(): No space left on device" >&2; exit 1',
    );
    const error = await failureOf('d');
    expect(error).toEqual({
      code: 'OUTPUT_WRITE_FAILED',
      message: expect.stringMatching(/: the disk is full\.$/),
    });
    await stillWorks();
  });

  test('output folder replaced by a file', async () => {
    rmSync(running.outputDir, { recursive: true });
    writeFileSync(running.outputDir, 'not a folder');
    const error = await failureOf('o');
    expect(error.code).toBe('OUTPUT_WRITE_FAILED');
    expect(error.message).toMatch(/^Could not write .*F1_take1_.*\.mp4: /);
    rmSync(running.outputDir);
    await stillWorks();
  });
});
