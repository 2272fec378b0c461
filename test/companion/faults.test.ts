// Faults the daemon must survive: each job fails with its own code and sentence, the next job still works.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ShotRequestInput } from '../../shared/protocol';
import { pairedCompanionPerTest } from '../support/paired-companion';

const shot: ShotRequestInput = {
  shotId: 'F1',
  prompt: 'fault test',
  duration: { frames: 3 },
  fps: { num: 24, den: 1 },
  size: { width: 64, height: 64 },
  backend: 'slate',
};

describe('faults', () => {
  const t = pairedCompanionPerTest('faults');

  async function failureOf(id: string) {
    const ended = await t.settle(id, shot);
    if (ended.type !== 'job.failed') throw new Error(`job ${id} did not fail`);
    return ended.error;
  }

  async function stillWorks() {
    delete process.env.SHOTLINE_FFMPEG;
    expect((await t.settle('after', shot)).type).toBe('job.done');
  }

  test('ffmpeg missing', async () => {
    process.env.SHOTLINE_FFMPEG = join(t.dir, 'no-such-ffmpeg');
    expect(await failureOf('m')).toEqual({
      code: 'FFMPEG_MISSING',
      message: `SHOTLINE_FFMPEG points to ${join(t.dir, 'no-such-ffmpeg')}, which is not an executable file.`,
      params: { env: 'SHOTLINE_FFMPEG', path: join(t.dir, 'no-such-ffmpeg'), case: 'notExecutable' },
    });
    await stillWorks();
  });

  test('ffmpeg crashing', async () => {
    t.fakeFfmpeg('cat >/dev/null; echo "Segmentation fault" >&2; kill -SEGV $$');
    const error = await failureOf('c');
    expect(error.code).toBe('ENCODE_FAILED');
    expect(error.message).toBe('ffmpeg crashed (SIGSEGV): Segmentation fault');
    await stillWorks();
  });

  test('disk full', async () => {
    t.fakeFfmpeg('cat >/dev/null; echo "av_interleaved_write_frame(): No space left on device" >&2; exit 1');
    const error = await failureOf('d');
    expect(error).toEqual({
      code: 'OUTPUT_WRITE_FAILED',
      message: expect.stringMatching(/: the disk is full\.$/),
      params: { path: expect.stringMatching(/F1_take1_/), case: 'diskFull' },
    });
    await stillWorks();
  });

  test('output folder replaced by a file', async () => {
    rmSync(t.running.outputDir, { recursive: true });
    writeFileSync(t.running.outputDir, 'not a folder');
    const error = await failureOf('o');
    expect(error.code).toBe('OUTPUT_WRITE_FAILED');
    expect(error.message).toMatch(/^Could not write .*F1_take1_.*\.mp4: /);
    rmSync(t.running.outputDir);
    await stillWorks();
  });
});

describe('an ffmpeg that stops making progress', () => {
  const t = pairedCompanionPerTest('stall', { encodeStallMs: 400 });

  test('is killed after the stall timeout with ENCODE_STALLED, and the next job works', async () => {
    // Takes every frame, then hangs without a progress report or an exit.
    t.fakeFfmpeg('cat >/dev/null; exec sleep 60');
    const ended = await t.settle('s', shot);
    expect(ended.type === 'job.failed' && ended.error).toEqual({
      code: 'ENCODE_STALLED',
      message: expect.stringMatching(
        /^ffmpeg made no progress for 0\.4 s writing .*F1_take1_.*\.mp4\.partial-[\w.-]+ and was stopped\.$/,
      ),
      params: { seconds: 0.4, path: expect.stringMatching(/F1_take1_/), case: 'stalled' },
    });
    delete process.env.SHOTLINE_FFMPEG;
    expect((await t.settle('after', shot)).type).toBe('job.done');
  });
});
