// Poster frames: a finished take carries a 320 px JPEG of its middle frame; a poster failure never fails the take.
import { existsSync, readFileSync } from 'node:fs';
import { JobOutputSchema, type ShotRequestInput } from '../../shared/protocol';
import { withPosterBudget } from '../../companion/queue/job-record';
import { locateTool } from '../../companion/media/tool-locator';
import { pairedCompanionPerTest } from '../support/paired-companion';
import { probeClip } from '../support/ffprobe';

const shot: ShotRequestInput = {
  shotId: 'P1',
  prompt: 'poster test',
  duration: { frames: 13 },
  fps: { num: 24000, den: 1001 },
  size: { width: 640, height: 360 },
  backend: 'slate',
};

describe('poster frames', () => {
  const t = pairedCompanionPerTest('poster');

  async function done(id: string) {
    const ended = await t.settle(id, shot);
    if (ended.type !== 'job.done') throw new Error(`job ${id} failed: ${ended.error.message}`);
    return ended;
  }

  test('the poster is a JPEG beside the clip, 320 px wide, and inline as a small data URL', async () => {
    const { output } = await done('p1');
    const poster = output.poster;
    expect(poster?.path).toBe(`${output.path}.poster.jpg`);
    const bytes = readFileSync(poster!.path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(probeClip(poster!.path)).toMatchObject({ codec: 'mjpeg', width: 320, height: 180 });
    expect(poster!.dataUrl).toBe(`data:image/jpeg;base64,${bytes.toString('base64')}`);
    expect(bytes.length).toBeLessThanOrEqual(40 * 1024);
    // The sidecar is provenance, not a thumbnail store.
    const sidecar = readFileSync(output.sidecarPath, 'utf8');
    expect(sidecar).not.toContain('data:image');
  });
});

describe('poster frames decoded from the clip (model backends, label burned in)', () => {
  const t = pairedCompanionPerTest('poster-decode', {
    backends: ['synthetic'],
    backendSettings: { synthetic: { delayMs: 0 } },
  });
  const synthetic = { ...shot, backend: 'synthetic' };

  test('the poster is decoded from the finished clip, label included', async () => {
    const ended = await t.settle('d1', synthetic);
    if (ended.type !== 'job.done') throw new Error(ended.error.message);
    expect(ended.output.poster?.dataUrl).toMatch(/^data:image\/jpeg;base64,/);
  });

  test('a poster that cannot be made leaves the take done, without a poster', async () => {
    // An ffmpeg that encodes clips normally but fails on JPEG output.
    t.fakeFfmpeg(
      `case "$*" in *mjpeg*) echo "no jpeg today" >&2; exit 1;; esac\nexec "${locateTool('ffmpeg')}" "$@"`,
    );
    const ended = await t.settle('p2', synthetic);
    if (ended.type !== 'job.done') throw new Error(ended.error.message);
    const { output } = ended;
    expect(output.poster).toBeUndefined();
    expect(existsSync(output.path)).toBe(true);
    expect(existsSync(`${output.path}.poster.jpg`)).toBe(false);
  });
});

test('a job list keeps the newest posters inline within its budget and only the path of older ones', () => {
  const summary = (n: number) => ({
    jobId: `job_poster${n}`,
    shotId: 'S1',
    take: n,
    backend: 'slate',
    status: 'done' as const,
    output: JobOutputSchema.parse({
      path: `/out/${n}.mp4`,
      sidecarPath: `/out/${n}.json`,
      frames: 1,
      fps: { num: 25, den: 1 },
      width: 64,
      height: 64,
      durationSeconds: 0.04,
      codec: 'h264',
      sha256: '0'.repeat(64),
      poster: { path: `/out/${n}.mp4.poster.jpg`, dataUrl: `data:image/jpeg;base64,${'A'.repeat(100)}` },
    }),
  });
  const size = summary(1).output.poster!.dataUrl!.length;
  const list = withPosterBudget([summary(1), summary(2), summary(3)], size * 2);
  expect(list.map((s) => s.output?.poster)).toEqual([
    { path: '/out/1.mp4.poster.jpg' },
    summary(2).output.poster,
    summary(3).output.poster,
  ]);
});
