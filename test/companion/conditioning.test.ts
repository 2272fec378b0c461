// Shots conditioned on images: frames extracted under the media roots, drawn by the slate, kept for retries.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { SlateBackend } from '../../companion/backends/slate/slate-backend';
import { Companion } from '../../companion/companion';
import { waitForJobs } from '../../companion/cli/run-jobs';
import { encoders } from '../../companion/media/encoders';
import { sha256File } from '../../companion/media/file-hash';
import { MediaRoots } from '../../companion/media/media-roots';
import { locateTool } from '../../companion/media/tool-locator';
import { runTake, type TakeSpec } from '../../companion/pipeline/run-take';
import type { ShotRequest, ShotRequestInput } from '../../shared/protocol';
import { ShotRequestSchema } from '../../shared/protocol';
import { writeNumberedClip } from '../support/numbered-clip';

const W = 320;
const H = 180;
const FPS = { num: 24000, den: 1001 };
const signal = new AbortController().signal;

let root: string;
let media: string;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'shotline-cond-'));
  media = join(root, 'media');
  execFileSync('mkdir', ['-p', media]);
  await solid(join(media, 'green.png'), { r: 20, g: 200, b: 40 });
  // Frame 37 of this clip is bits 0, 2 and 5: white, black, white, black, black, white, black… from the left.
  await writeNumberedClip(join(media, 'numbered.mp4'), { width: 640, height: 360, fps: FPS, frames: 60 });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function solid(path: string, background: { r: number; g: number; b: number }) {
  return sharp({ create: { width: 640, height: 360, channels: 3, background } })
    .png()
    .toFile(path);
}

function shot(conditioning: ShotRequestInput['conditioning'], backend = 'slate'): ShotRequestInput {
  return {
    shotId: 'C1',
    prompt: 'the door swings shut',
    duration: { frames: 24 },
    fps: FPS,
    size: { width: W, height: H },
    seed: 1,
    backend,
    ...(conditioning && { conditioning }),
  };
}

/** Frame n of a clip as RGB at its own size. */
function frameRgb(path: string, n: number): Buffer {
  return execFileSync(locateTool('ffmpeg'), [
    ...['-v', 'error', '-i', path, '-vf', `select=eq(n\\,${n})`, '-frames:v', '1'],
    ...['-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
  ]);
}

/** Mean R, G, B below the slate's label band. */
function meanBelowLabel(rgb: Buffer): [number, number, number] {
  const sum = [0, 0, 0];
  let count = 0;
  for (let y = 40; y < H; y++)
    for (let x = 0; x < W; x++, count++) for (let c = 0; c < 3; c++) sum[c]! += rgb[(y * W + x) * 3 + c]!;
  return sum.map((s) => s / count) as [number, number, number];
}

const FRAME_37 = { num: 37 * 1001, den: 24000 };

test('bridge: the clip starts on the still and ends on the frame of the other clip; provenance says so', async () => {
  const companion = new Companion({
    outputDir: join(root, 'out1'),
    backends: ['slate'],
    mediaRoots: [media],
  });
  try {
    const conditioning = {
      mode: 'flf2v' as const,
      action: 'bridge' as const,
      startImage: { kind: 'still' as const, path: join(media, 'green.png') },
      endImage: { kind: 'frame' as const, path: join(media, 'numbered.mp4'), time: FRAME_37 },
    };
    const jobs = companion.submit([ShotRequestSchema.parse(shot(conditioning))], { ownerId: 't' });
    const { done, failed } = await waitForJobs(companion, jobs, () => undefined);
    expect(failed.map((j) => j.error)).toEqual([]);
    const job = done[0]!;
    const clip = job.output!.path;
    const [r, g, b] = meanBelowLabel(frameRgb(clip, 0));
    expect(g).toBeGreaterThan(170);
    expect(r + b).toBeLessThan(100);
    // Frame 37's blocks: bit 0 (x < 32) is white, bit 1 (32..63) black.
    const last = frameRgb(clip, 23);
    expect(last[(120 * W + 16) * 3]).toBeGreaterThan(200);
    expect(last[(120 * W + 48) * 3]).toBeLessThan(50);
    // The middle of the shot is the slate, not either image.
    expect(meanBelowLabel(frameRgb(clip, 12))[1]).toBeLessThan(120);

    const record = job.provenance!.conditioning!;
    const dir = join(root, 'out1', '.conditioning', job.jobId);
    expect(record).toEqual({
      requested: 'flf2v',
      used: 'flf2v',
      action: 'bridge',
      startImage: {
        sha256: await sha256File(join(dir, 'start.png')),
        source: conditioning.startImage,
        width: W,
        height: H,
      },
      endImage: {
        sha256: await sha256File(join(dir, 'end.png')),
        source: conditioning.endImage,
        width: W,
        height: H,
      },
    });
  } finally {
    await companion.close();
  }
});

test('a retry uses the frames the first run kept, even when the source file changed since', async () => {
  const still = join(media, 'changing.png');
  await solid(still, { r: 20, g: 200, b: 40 });
  const request = ShotRequestSchema.parse(
    shot({ mode: 'i2v', startImage: { kind: 'still', path: still } }),
  ) as ShotRequest;
  const framesDir = join(root, 'retry-frames');
  const spec = (n: number): TakeSpec => ({
    shot: request,
    take: 1,
    seed: 1,
    frames: 24,
    createdAt: new Date(),
    outPath: join(root, `retry-${n}.mp4`),
    framesDir,
  });
  const backend = new SlateBackend();
  const mediaSetup = {
    encoder: encoders.h264,
    fit: 'fill' as const,
    rateMode: 'duplicate' as const,
    mediaRoots: new MediaRoots([media]),
  };
  const checkpoint = { read: () => undefined, write: () => undefined };
  const first = await runTake(spec(1), backend, mediaSetup, signal, () => undefined, checkpoint);
  await solid(still, { r: 220, g: 20, b: 20 });
  const second = await runTake(spec(2), backend, mediaSetup, signal, () => undefined, checkpoint);
  expect(second.provenance.conditioning!.startImage.sha256).toBe(
    first.provenance.conditioning!.startImage.sha256,
  );
  expect(meanBelowLabel(frameRgb(second.output.path, 0))[1]).toBeGreaterThan(170);
});

test.each([
  [
    'outside the media roots',
    () => join(root, 'elsewhere.png'),
    'IMAGE_NOT_ALLOWED',
    'outside the media folders',
  ],
  ['a UNC share', () => '\\\\fileserver\\boards\\b1.png', 'IMAGE_NOT_ALLOWED', 'network paths'],
  ['a URL', () => 'http://example.com/b1.png', 'IMAGE_NOT_ALLOWED', 'network paths'],
  ['a relative path', () => 'boards/b1.png', 'IMAGE_NOT_ALLOWED', 'absolute path'],
  ['missing', () => join(media, 'nope.png'), 'IMAGE_INVALID', 'does not exist'],
])('a conditioning image %s fails the job', async (_name, path, code, words) => {
  await solid(join(root, 'elsewhere.png'), { r: 1, g: 2, b: 3 });
  const companion = new Companion({
    outputDir: join(root, 'out2'),
    backends: ['slate'],
    mediaRoots: [media],
  });
  try {
    const request = shot({ mode: 'i2v', startImage: { kind: 'still', path: path() } });
    const jobs = companion.submit([ShotRequestSchema.parse(request)], { ownerId: 't' });
    const { failed } = await waitForJobs(companion, jobs, () => undefined);
    expect(failed[0]?.error).toMatchObject({ code, message: expect.stringContaining(words) });
  } finally {
    await companion.close();
  }
});

test('a backend that cannot start from an image refuses the shot before anything is queued', async () => {
  const companion = new Companion({
    outputDir: join(root, 'out3'),
    backends: ['synthetic'],
    mediaRoots: [media],
  });
  try {
    const request = shot(
      { mode: 'i2v', startImage: { kind: 'still', path: join(media, 'green.png') } },
      'synthetic',
    );
    expect(() => companion.submit([ShotRequestSchema.parse(request)], { ownerId: 't' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_SHOT',
        message: expect.stringContaining('cannot start a shot from an image'),
      }),
    );
  } finally {
    await companion.close();
  }
});

test('the protocol refuses a flf2v request without an end image and an i2v one with one', () => {
  const start = { kind: 'still' as const, path: '/m/a.png' };
  expect(
    ShotRequestSchema.safeParse(shot({ mode: 'flf2v', startImage: start })).error?.issues[0]?.message,
  ).toBe('first-and-last-frame (flf2v) needs an endImage');
  expect(
    ShotRequestSchema.safeParse(shot({ mode: 'i2v', startImage: start, endImage: start })).error?.issues[0]
      ?.message,
  ).toBe('image-to-video (i2v) takes no endImage; use flf2v');
});

test('a link inside a media root that points outside it is refused: the real path is what counts', async () => {
  const outside = join(root, 'secret.png');
  await solid(outside, { r: 5, g: 5, b: 5 });
  const link = join(media, 'innocent.png');
  symlinkSync(outside, link);
  await expect(new MediaRoots([media]).resolve(link)).rejects.toMatchObject({
    code: 'IMAGE_NOT_ALLOWED',
    message: expect.stringContaining('outside the media folders'),
  });
  await expect(new MediaRoots([media]).resolve(join(media, 'green.png'))).resolves.toMatch(/green\.png$/);
});

test('a folder of boards named by shot id: each shot starts on its own board, whatever the extension case', async () => {
  const boards = join(media, 'boards');
  execFileSync('mkdir', ['-p', boards]);
  await solid(join(boards, 'B1.png'), { r: 20, g: 200, b: 40 });
  await sharp({ create: { width: 640, height: 360, channels: 3, background: { r: 30, g: 40, b: 210 } } })
    .jpeg()
    .toFile(join(boards, 'b2.JPG'));
  const companion = new Companion({
    outputDir: join(root, 'out4'),
    backends: ['slate'],
    mediaRoots: [media],
  });
  try {
    const board = (name: string) => ({
      ...shot({ mode: 'i2v', action: 'storyboard', startImage: { kind: 'board', folder: boards, name } }),
      shotId: name,
    });
    const jobs = companion.submit(
      ['B1', 'B2', 'B3'].map((n) => ShotRequestSchema.parse(board(n))),
      {
        ownerId: 't',
      },
    );
    const { done, failed } = await waitForJobs(companion, jobs, () => undefined);
    const byShot = new Map(done.map((j) => [j.shot.shotId, j]));
    expect(meanBelowLabel(frameRgb(byShot.get('B1')!.output!.path, 0))[1]).toBeGreaterThan(170);
    expect(meanBelowLabel(frameRgb(byShot.get('B2')!.output!.path, 0))[2]).toBeGreaterThan(170);
    expect(failed.map((j) => [j.shot.shotId, j.error?.code])).toEqual([['B3', 'IMAGE_INVALID']]);
    expect(failed[0]!.error!.message).toContain('has no image named B3');
  } finally {
    await companion.close();
  }
});

test('a board name cannot climb out of its folder', () => {
  const start = { kind: 'board' as const, folder: '/m/boards', name: '../secret' };
  expect(
    ShotRequestSchema.safeParse(shot({ mode: 'i2v', startImage: start })).error?.issues[0]?.message,
  ).toBe('a board name is a file name without folders');
});
