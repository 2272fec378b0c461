// Conditioning frames are the intended ones: frame numbers read back at NTSC rates with odd in/out points.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { extractFrame, extractStill, frameAt } from '../../companion/media/extract-frame';
import type { FrameRate } from '../../shared/protocol';
import { TICKS_PER_SECOND } from '../../shared/timecode';
import { readFrameNumber, writeNumberedClip } from '../support/numbered-clip';

const dir = mkdtempSync(join(tmpdir(), 'shotline-extract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const signal = new AbortController().signal;
const FRAMES = 100;

/** Frame n's start as Premiere gives it: ticks over ticks per second (an integer at every NTSC rate). */
const ticksTime = (n: number, fps: FrameRate) => ({
  num: Number((BigInt(n) * BigInt(TICKS_PER_SECOND) * BigInt(fps.den)) / BigInt(fps.num)),
  den: Number(TICKS_PER_SECOND),
});

describe.each([
  ['23.976', { num: 24000, den: 1001 }, [0, 1, 17, 23, 24, 47, 63, 99]],
  ['29.97', { num: 30000, den: 1001 }, [0, 1, 29, 30, 41, 59, 73, 99]],
] as const)('frames of a %s fps clip', (name, fps, points) => {
  const clip = join(dir, `numbered-${name}.mp4`);
  beforeAll(() => writeNumberedClip(clip, { width: 640, height: 360, fps, frames: FRAMES }));

  test.each(points)('frame %i by its exact tick time', async (n) => {
    const out = join(dir, `${name}-${n}.png`);
    const { frame } = await extractFrame(clip, ticksTime(n, fps), out, {
      size: { width: 320, height: 180 },
      fit: 'fill',
      signal,
    });
    expect(frame).toBe(n);
    expect(await readFrameNumber(out)).toBe(n);
    const meta = await sharp(out).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 320, 180]);
  });

  test('a time inside a frame is that frame (the out point minus a tick is the last frame shown)', async () => {
    const out = join(dir, `${name}-inside.png`);
    const outPoint = ticksTime(64, fps);
    await extractFrame(clip, { num: outPoint.num - 1, den: outPoint.den }, out, {
      size: { width: 640, height: 360 },
      fit: 'fit',
      signal,
    });
    expect(await readFrameNumber(out)).toBe(63);
  });

  test('a time past the last frame is refused with IMAGE_INVALID', async () => {
    await expect(
      extractFrame(clip, ticksTime(FRAMES, fps), join(dir, 'past.png'), {
        size: { width: 320, height: 180 },
        fit: 'fit',
        signal,
      }),
    ).rejects.toMatchObject({ code: 'IMAGE_INVALID', message: expect.stringContaining('past its end') });
  });
});

test('frameAt is exact where floating point is not', () => {
  // 1001 frames at 30000/1001 is 33.3666… s; 1001/30 s × 30000/1001 is exactly 1000.
  expect(frameAt({ num: 1001, den: 30 }, { num: 30000, den: 1001 })).toBe(1000);
  expect(frameAt({ num: 1001 * 1000 - 1, den: 30000 }, { num: 30000, den: 1001 })).toBe(999);
});

test('a still is fitted by the conform rule: fit pads a square board into a wide frame', async () => {
  const still = join(dir, 'board.png');
  await sharp({ create: { width: 200, height: 200, channels: 3, background: { r: 250, g: 250, b: 250 } } })
    .png()
    .toFile(still);
  const out = join(dir, 'board-fitted.png');
  await extractStill(still, out, { size: { width: 320, height: 180 }, fit: 'fit', signal });
  const { data, info } = await sharp(out).greyscale().raw().toBuffer({ resolveWithObject: true });
  expect([info.width, info.height]).toEqual([320, 180]);
  expect(data[90 * info.width + 5]).toBeLessThan(20); // pillar box
  expect(data[90 * info.width + 160]).toBeGreaterThan(230); // the board
});

test('a file that is not an image is refused by its content, whatever its name', async () => {
  const fake = join(dir, 'not-really.png');
  writeFileSync(fake, 'GIF89a this is text');
  await expect(
    extractStill(fake, join(dir, 'x.png'), { size: { width: 320, height: 180 }, fit: 'fit', signal }),
  ).rejects.toMatchObject({
    code: 'IMAGE_INVALID',
    message: expect.stringContaining('not a PNG, JPEG or WebP'),
  });
});
