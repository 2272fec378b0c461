// The slate's yuv420p frames: zscale's own bytes for the same painted pixels, only the moving rectangles
// converted per frame, the same clip byte for byte as the RGBA frames through ffmpeg's conversion, and frame
// buffers that go round between the threads without one frame overwriting another.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SlateBackend } from '../../companion/backends/slate/slate-backend';
import { movingRects, SlatePainter, type SlateCard } from '../../companion/backends/slate/slate-painter';
import { patchRegion } from '../../companion/media/patch-layout';
import { convertFilter, FRAME_COLOUR, OUTPUT_COLOUR } from '../../companion/media/colour';
import { encodeClip } from '../../companion/media/encode';
import { encoders } from '../../companion/media/encoders';
import type { FramePixelFormat } from '../../companion/media/generated-media';
import { locateTool } from '../../companion/media/tool-locator';
import { rgbaToYuv420, yuv420Bytes, yuv420ToRgba } from '../../companion/media/yuv420';
import { testContext, testShot } from '../support/backend-context';

const card = (width: number, height: number, frames = 30): SlateCard => ({
  width,
  height,
  fps: { num: 24, den: 1 },
  frames,
  shotId: 'S4-02',
  take: 2,
  sceneHeading: 'INT. STAIRWELL - NIGHT',
  description: 'Mara runs down three flights, the torch beam swinging. 玛拉跑下三层楼梯。',
  seed: 977,
  label: 'AI PREVIZ DRAFT',
});

/** ffmpeg's own conversion of RGBA frames, with the filter the encode chain uses for raw RGB frames. */
function zscaleYuv(rgba: Uint8Array, width: number, height: number, frames: number): Buffer {
  return execFileSync(
    locateTool('ffmpeg'),
    [
      ...['-hide_banner', '-loglevel', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgba'],
      ...['-s', `${width}x${height}`, '-i', 'pipe:0', '-frames:v', String(frames)],
      ...['-vf', convertFilter(FRAME_COLOUR, OUTPUT_COLOUR, 'yuv420p'), '-f', 'rawvideo', 'pipe:1'],
    ],
    { input: rgba, maxBuffer: 64 * 2 ** 20 },
  );
}

describe('rgba to yuv420p', () => {
  test.each([
    [1280, 720],
    [624, 624],
    [128, 72],
  ])('%ix%i: slate frames convert to the bytes zscale gives', (w, h) => {
    const painter = new SlatePainter(card(w, h));
    const frames = [0, 13, 29].map((i) => painter.render(i));
    const ours = Buffer.concat(
      frames.map((rgba) => {
        const out = new Uint8Array(yuv420Bytes(w, h));
        rgbaToYuv420(rgba, w, h, out);
        return out;
      }),
    );
    const theirs = zscaleYuv(Buffer.concat(frames), w, h, frames.length);
    expect(ours.length).toBe(theirs.length);
    expect(ours.equals(theirs)).toBe(true);
  });

  test('converting one rectangle over the old conversion equals converting the whole new frame', () => {
    const [w, h] = [64, 48];
    const before = new Uint8Array(w * h * 4).fill(255);
    const after = before.slice();
    // An odd-placed patch of colour, so its chroma neighbours on every side change too.
    for (let y = 11; y < 30; y++)
      for (let x = 7; x < 40; x++) after.set([(x * 7) % 256, (y * 13) % 256, 90, 255], (y * w + x) * 4);
    const patched = new Uint8Array(yuv420Bytes(w, h));
    rgbaToYuv420(before, w, h, patched);
    rgbaToYuv420(after, w, h, patched, [7, 11, 33, 19]);
    const whole = new Uint8Array(yuv420Bytes(w, h));
    rgbaToYuv420(after, w, h, whole);
    expect(Buffer.from(patched).equals(Buffer.from(whole))).toBe(true);
  });

  test('back to RGB for a thumbnail: flat colours come back within a code value or two', () => {
    const [w, h] = [32, 8];
    const rgba = new Uint8Array(w * h * 4);
    const colours = [
      [215, 38, 61],
      [30, 30, 30],
      [240, 240, 240],
      [20, 120, 200],
    ];
    for (let i = 0; i < w * h; i++) rgba.set([...colours[Math.floor((i % w) / 8)]!, 255], i * 4);
    const yuv = new Uint8Array(yuv420Bytes(w, h));
    rgbaToYuv420(rgba, w, h, yuv);
    const back = yuv420ToRgba(yuv, w, h);
    // Away from the colour edges, where 4:2:0 chroma is shared between neighbours.
    for (const x of [4, 12, 20, 28]) {
      for (let c = 0; c < 3; c++) {
        const at = (3 * w + x) * 4 + c;
        expect([x, c, Math.abs(back[at]! - rgba[at]!) <= 2]).toEqual([x, c, true]);
      }
    }
    expect(back[3]).toBe(255);
  });
});

describe('slate painter in yuv420p', () => {
  test.each([
    [1280, 720],
    [720, 1280],
    [480, 270],
    [128, 72],
  ])('%ix%i: each frame equals the whole canvas converted', (w, h) => {
    const painter = new SlatePainter(card(w, h));
    const reference = new SlatePainter(card(w, h));
    const out = new Uint8Array(yuv420Bytes(w, h));
    const whole = new Uint8Array(yuv420Bytes(w, h));
    for (let i = 0; i < 30; i += 3) {
      painter.renderYuv420(i, out);
      rgbaToYuv420(reference.snapshot(i), w, h, whole);
      expect([i, Buffer.from(out).equals(Buffer.from(whole))]).toEqual([i, true]);
    }
  });
});

describe('a whole clip in yuv420p', () => {
  // Past the first second the hand's turns come from tiles at whole rates; 23.976 fps never repeats one.
  test.each([
    [1280, 720, 24, 1],
    [854, 480, 24000, 1001],
    [720, 1280, 25, 1],
  ])('%ix%i at %i/%i fps: every frame in order equals the frame drawn whole', (w, h, num, den) => {
    const spec = { ...card(w, h, 60), fps: { num, den } };
    const painter = new SlatePainter(spec);
    const reference = new SlatePainter(spec);
    const whole = new Uint8Array(yuv420Bytes(w, h));
    for (let i = 0; i < 60; i++) {
      const frame = painter.yuv420(i);
      rgbaToYuv420(reference.snapshot(i), w, h, whole);
      expect([i, Buffer.from(frame).equals(Buffer.from(whole))]).toEqual([i, true]);
    }
    // The RGBA under copied hands is brought up to date when RGBA is asked for.
    for (const i of [59, 30]) {
      expect([i, Buffer.from(painter.render(i)).equals(Buffer.from(reference.snapshot(i)))]).toEqual([
        i,
        true,
      ]);
    }
  });
});

describe('what the slate promises the encoder (stillOutside)', () => {
  /** `base` with `frame`'s samples inside the moving rectangles' regions: `frame` itself if it keeps the promise. */
  const withRegionsOf = (base: Uint8Array, frame: Uint8Array, w: number, h: number) => {
    const out = Buffer.from(base);
    const from = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
    for (const rect of movingRects({ width: w, height: h })) {
      const [x, y, rw, rh] = patchRegion(rect, w, h);
      for (let j = y; j < y + rh; j++) from.copy(out, j * w + x, j * w + x, j * w + x + rw);
      for (const plane of [w * h, (w * h * 5) / 4]) {
        for (let j = y / 2; j < (y + rh) / 2; j++) {
          const at = plane + j * (w / 2) + x / 2;
          from.copy(out, at, at, at + rw / 2);
        }
      }
    }
    return out;
  };

  test.each([
    [1280, 720, 24, 1],
    [1920, 1080, 30000, 1001],
    [720, 1280, 25, 1],
    [624, 624, 60, 1],
    [480, 270, 24000, 1001],
  ])('%ix%i at %i/%i fps: outside the moving rectangles every frame is the first', (w, h, num, den) => {
    const frames = 130;
    const painter = new SlatePainter({ ...card(w, h, frames), fps: { num, den } });
    const first = Buffer.from(painter.yuv420(0));
    const broken: number[] = [];
    // The lane's whole sweep, the counter's carries and a turn of the hand past the first second's tiles.
    for (let i = 1; i < frames; i++) {
      const frame = painter.yuv420(i);
      if (i % 3 !== 0 && i !== frames - 1) continue;
      if (!withRegionsOf(first, frame, w, h).equals(frame)) broken.push(i);
    }
    painter.release();
    expect(broken).toEqual([]);
  });
});

test('frames drawn in any order come out as drawn alone: each reads back what the last one left', () => {
  const painter = new SlatePainter(card(1280, 720, 48));
  const out = new Uint8Array(yuv420Bytes(1280, 720));
  for (const i of [47, 3, 30, 0, 23, 24, 11, 47, 1]) {
    const fresh = new SlatePainter(card(1280, 720, 48));
    expect([i, Buffer.from(painter.render(i)).equals(Buffer.from(fresh.render(i)))]).toEqual([i, true]);
    const alone = new Uint8Array(yuv420Bytes(1280, 720));
    new SlatePainter(card(1280, 720, 48)).renderYuv420(i, alone);
    painter.renderYuv420(i, out);
    expect([i, Buffer.from(out).equals(Buffer.from(alone))]).toEqual([i, true]);
  }
});

describe('yuv420p frames from the slate backend', () => {
  let dir: string;
  const backends: SlateBackend[] = [];
  const made = (drawThreads: number) => {
    const backend = new SlateBackend({ drawThreads });
    backends.push(backend);
    return backend;
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shotline-slate-yuv-'));
  });
  afterAll(async () => {
    await Promise.all(backends.map((b) => b.dispose()));
    rmSync(dir, { recursive: true, force: true });
  });

  const shot = testShot({ backend: 'slate', size: { width: 640, height: 360 }, duration: { frames: 30 } });

  async function clip(backend: SlateBackend, format: FramePixelFormat) {
    const ctx = testContext();
    try {
      const result = await backend.generate(
        { shot, take: 1, seed: 5, frames: 30, framePixelFormat: format },
        ctx,
      );
      if (result.media.kind !== 'frames') throw new Error('the slate makes raw frames');
      const out = join(dir, `${format}-${backends.indexOf(backend)}.mp4`);
      await encodeClip(
        result.media,
        { width: 640, height: 360, fps: shot.fps, frames: 30, fit: 'fit', rateMode: 'duplicate' },
        encoders.h264,
        out,
        { signal: ctx.signal },
      );
      return {
        format: result.media.pixelFormat,
        sha256: createHash('sha256')
          .update(await readFile(out))
          .digest('hex'),
      };
    } finally {
      ctx.cleanup();
    }
  }

  test('the clip is byte for byte the one RGBA frames and ffmpeg’s conversion make', async () => {
    const backend = made(1);
    const rgba = await clip(backend, 'rgba');
    const yuv = await clip(backend, 'yuv420p');
    expect(rgba.format).toBe('rgba');
    expect(yuv.format).toBe('yuv420p');
    expect(yuv.sha256).toBe(rgba.sha256);
  }, 60_000);

  test('worker threads give the main thread’s frames, drawing into the buffers of frames already taken', async () => {
    const ctx = testContext();
    try {
      const frames = async (backend: SlateBackend) => {
        const result = await backend.generate(
          { shot, take: 1, seed: 5, frames: 30, framePixelFormat: 'yuv420p' },
          ctx,
        );
        if (result.media.kind !== 'frames') throw new Error('the slate makes raw frames');
        const copies: Buffer[] = [];
        const taken: Uint8Array[] = [];
        for await (const frame of result.media.frames) {
          // Intact while it is the frame in hand, whatever happened to the ones before it.
          expect(frame.byteLength).toBe(640 * 360 * 1.5);
          copies.push(Buffer.from(frame));
          taken.push(frame);
        }
        // A buffer moved back to a worker to be drawn into again is detached here: it was not copied.
        return { copies, reused: taken.filter((f) => f.byteLength === 0).length };
      };
      const inThread = await frames(made(0));
      const pooled = await frames(made(2));
      expect(pooled.copies).toHaveLength(30);
      expect(pooled.copies.map((f, i) => [i, f.equals(inThread.copies[i]!)])).toEqual(
        inThread.copies.map((_, i) => [i, true]),
      );
      // Two threads keep four frames ahead: all but the last few buffers went round again.
      expect(pooled.reused).toBeGreaterThanOrEqual(30 - 6);
    } finally {
      ctx.cleanup();
    }
  }, 60_000);

  test('yuv420p frames say where they change; RGBA and tiny frames do not', async () => {
    const ctx = testContext();
    try {
      const media = async (size: { width: number; height: number }, format: FramePixelFormat) => {
        const s = testShot({ backend: 'slate', size, duration: { frames: 2 } });
        const result = await made(0).generate(
          { shot: s, take: 1, seed: 5, frames: 2, framePixelFormat: format },
          ctx,
        );
        if (result.media.kind !== 'frames') throw new Error('the slate makes raw frames');
        for await (const _ of result.media.frames) void _;
        return result.media;
      };
      expect((await media({ width: 640, height: 360 }, 'yuv420p')).stillOutside).toEqual(
        movingRects({ width: 640, height: 360 }),
      );
      expect((await media({ width: 640, height: 360 }, 'rgba')).stillOutside).toBeUndefined();
      expect((await media({ width: 128, height: 72 }, 'yuv420p')).stillOutside).toBeUndefined();
    } finally {
      ctx.cleanup();
    }
  });

  test('odd sizes stay RGBA: yuv420p needs whole chroma samples', async () => {
    const ctx = testContext();
    try {
      const odd = testShot({ backend: 'slate', size: { width: 641, height: 361 }, duration: { frames: 2 } });
      const result = await made(0).generate(
        { shot: odd, take: 1, seed: 5, frames: 2, framePixelFormat: 'yuv420p' },
        ctx,
      );
      expect(result.media.kind === 'frames' && result.media.pixelFormat).toBe('rgba');
    } finally {
      ctx.cleanup();
    }
  });
});
