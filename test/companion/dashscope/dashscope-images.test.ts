// DashScope shots that start from images: the region's first-frame and keyframe models, images inline and in limits.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { DashScopeRegion } from '../../../companion/backends/dashscope/models';
import { waitForJobs } from '../../../companion/cli/run-jobs';
import { Companion } from '../../../companion/companion';
import { ShotRequestSchema, type ShotRequestInput } from '../../../shared/protocol';
import { FakeDashScope } from '../../support/fake-dashscope';
import { probeClip } from '../../support/ffprobe';
import { makeTestClip } from '../../support/remote-clip';

const KEY = 'sk-test-images-4b1d';

let dir: string;
let media: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shotline-dsi-'));
  media = join(dir, 'media');
  mkdirSync(media);
  // What the service delivers: 5 s at 30 fps (the image models' fixed length).
  makeTestClip(join(dir, 'clip.mp4'), { width: 640, height: 360, fps: 30, frames: 150 });
  for (const [name, g] of [
    ['first.png', 40],
    ['last.png', 200],
  ] as const)
    await sharp({ create: { width: 800, height: 450, channels: 3, background: { r: 10, g, b: 90 } } })
      .png()
      .toFile(join(media, name));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function render(region: DashScopeRegion, shot: ShotRequestInput) {
  const fake = await FakeDashScope.start(KEY, join(dir, 'clip.mp4'), region);
  const companion = new Companion({
    outputDir: join(dir, `out-${region}`),
    backends: ['dashscope'],
    backendSettings: {
      dashscope: { baseUrl: fake.url, apiKey: KEY, region, pollIntervalMs: 5, retryBaseMs: 5 },
    },
    mediaRoots: [media],
  });
  try {
    const jobs = companion.submit([ShotRequestSchema.parse(shot)], { ownerId: 't' });
    const result = await waitForJobs(companion, jobs, () => undefined);
    return {
      ...result,
      fake,
      body: fake.creates[0]?.body as {
        model: string;
        input: Record<string, string>;
        parameters: Record<string, unknown>;
      },
    };
  } finally {
    await companion.close();
    await fake.stop();
  }
}

const shot = (
  conditioning: ShotRequestInput['conditioning'],
  size = { width: 1280, height: 720 },
): ShotRequestInput => ({
  shotId: 'D1',
  prompt: 'The courier crosses the wet street.',
  duration: { frames: 48 },
  fps: { num: 24, den: 1 },
  size,
  seed: 3,
  backend: 'dashscope',
  conditioning,
});
const still = (name: string) => ({ kind: 'still' as const, path: join(media, name) });

test('a bridge goes to the keyframe service with both frames inline; provenance keeps the mode', async () => {
  const { done, failed, fake, body } = await render(
    'beijing',
    shot({ mode: 'flf2v', action: 'bridge', startImage: still('first.png'), endImage: still('last.png') }),
  );
  expect(failed.map((j) => j.error)).toEqual([]);
  expect(fake.problems).toEqual([]);
  expect(body.model).toBe('wan2.2-kf2v-flash');
  expect(body.input.first_frame_url).toMatch(/^data:image\/jpeg;base64,/);
  expect(body.input.last_frame_url).toMatch(/^data:image\/jpeg;base64,/);
  expect(body.parameters).toMatchObject({ resolution: '720P', seed: 3 });
  const job = done[0]!;
  expect(job.provenance?.conditioning).toMatchObject({ requested: 'flf2v', used: 'flf2v', action: 'bridge' });
  expect(job.provenance?.model).toBe('wan2.2-kf2v-flash@720P');
  expect(probeClip(job.output!.path)).toMatchObject({ width: 1280, height: 720, frames: 48 });
});

test('a first-frame shot goes to the first-frame model; a small frame is scaled up into the 360 px minimum', async () => {
  const { failed, fake, body } = await render(
    'singapore',
    shot({ mode: 'i2v', action: 'extend', startImage: still('first.png') }, { width: 320, height: 180 }),
  );
  expect(failed.map((j) => j.error)).toEqual([]);
  // The fake decodes the image and refuses sides outside 360–2000 px: no problem means it was scaled.
  expect(fake.problems).toEqual([]);
  expect(body.model).toBe('wan2.2-i2v-flash');
  expect(Object.keys(body.input).sort()).toEqual(['img_url', 'prompt']);
  expect(body.parameters).toMatchObject({ resolution: '480P', duration: 5 });
  const jpeg = Buffer.from(body.input.img_url!.split(',')[1]!, 'base64');
  expect(await sharp(jpeg).metadata()).toMatchObject({ format: 'jpeg', width: 640, height: 360 });
});

test('Virginia: first-frame on wan2.6-i2v-us (with its soundtrack); a bridge there runs from the first frame only', async () => {
  const { done, failed, fake, body } = await render(
    'virginia',
    shot({ mode: 'flf2v', action: 'bridge', startImage: still('first.png'), endImage: still('last.png') }),
  );
  expect(failed.map((j) => j.error)).toEqual([]);
  expect(fake.problems).toEqual([]);
  expect(body.model).toBe('wan2.6-i2v-us');
  expect(Object.keys(body.input).sort()).toEqual(['img_url', 'prompt']);
  expect(body.parameters).toMatchObject({ resolution: '720P', duration: 5 });
  const job = done[0]!;
  expect(job.provenance?.conditioning).toMatchObject({ requested: 'flf2v', used: 'i2v', action: 'bridge' });
  expect(job.provenance?.conditioning?.endImage).toBeUndefined();
  expect(job.provenance?.generatedAudio).toBe(true);
});
