// Packed patches through the real ffmpeg: the frames it rebuilds are the whole frames byte for byte, and a
// clip sent as patches is the clip sent whole, the first frame down ffmpeg's fd 3 or through a file; when
// that file cannot be written, whole frames go.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFfmpegArgs, encodeClip } from '../../companion/media/encode';
import { encoders } from '../../companion/media/encoders';
import { OUTPUT_COLOUR } from '../../companion/media/colour';
import type { GeneratedMedia, RawFrameSource } from '../../companion/media/generated-media';
import { cutPatches, packedBytes, patchLayout, patchRegion } from '../../companion/media/patch-layout';
import { patchedFramesInput, patchGraph, PATCHED_FRAMES_MAP } from '../../companion/media/patch-input';
import { BACKDROP_PIPE, defaultBackdropVia, type BackdropVia } from '../../companion/media/patch-backdrop';
import * as toolProcess from '../../companion/media/tool-process';
import { locateTool } from '../../companion/media/tool-locator';
import { yuv420Bytes, type PixelRect } from '../../companion/media/yuv420';
import type { FrameRate } from '../../shared/protocol';

/** A little generator of its own, so the frames are the same on every run. */
function noise(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) & 255;
  };
}

/**
 * `count` frames: one of noise, then each a copy of it with fresh noise in every sample of the rectangles'
 * regions (luma and both chroma planes), which is all a frame may change.
 */
function framesChangingIn(
  rects: PixelRect[],
  w: number,
  h: number,
  count: number,
  seed: number,
): Uint8Array[] {
  const next = noise(seed);
  const first = new Uint8Array(yuv420Bytes(w, h)).map(() => next());
  return Array.from({ length: count }, (_, f) => {
    const frame = first.slice();
    if (f === 0) return frame;
    for (const rect of rects) {
      const [x, y, rw, rh] = patchRegion(rect, w, h);
      for (let j = y; j < y + rh; j++) for (let i = x; i < x + rw; i++) frame[j * w + i] = next();
      for (const plane of [w * h, (w * h * 5) / 4]) {
        for (let j = y / 2; j < (y + rh) / 2; j++) {
          for (let i = x / 2; i < (x + rw) / 2; i++) frame[plane + j * (w / 2) + i] = next();
        }
      }
    }
    return frame;
  });
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('patches through ffmpeg', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shotline-patch-input-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each([
    [
      '24 fps, three apart',
      320,
      240,
      { num: 24, den: 1 },
      [
        [10, 200, 290, 9],
        [250, 20, 41, 39],
        [101, 150, 77, 30],
      ],
    ],
    [
      '29.97 fps, overlapping, at the edges',
      256,
      144,
      { num: 30000, den: 1001 },
      [
        [0, 0, 33, 21],
        [20, 10, 40, 40],
        [230, 120, 26, 24],
      ],
    ],
    ['60 fps, one', 192, 108, { num: 60, den: 1 }, [[61, 43, 17, 5]]],
  ] as [string, number, number, FrameRate, PixelRect[]][])(
    '%s: the rebuilt frames are the whole frames, byte for byte',
    (name, w, h, fps, rects) => {
      const frames = framesChangingIn(rects, w, h, 17, name.length);
      const layout = patchLayout(rects, w, h)!;
      expect(layout).toBeDefined();
      const packed = Buffer.concat(
        frames.map((f) => Buffer.from(cutPatches(f, layout, new Uint8Array(packedBytes(layout))))),
      );
      const packedPath = join(dir, `${name}.packed.yuv`);
      const firstPath = join(dir, `${name}.first.yuv`);
      writeFileSync(packedPath, packed);
      writeFileSync(firstPath, frames[0]!);
      const input = patchedFramesInput(layout, firstPath, fps).map((a) => (a === 'pipe:0' ? packedPath : a));
      const rebuilt = execFileSync(
        locateTool('ffmpeg'),
        [
          ...['-hide_banner', '-loglevel', 'error', ...input],
          ...['-filter_complex', patchGraph(layout, ''), ...PATCHED_FRAMES_MAP],
          ...['-frames:v', String(frames.length), '-f', 'rawvideo', '-pix_fmt', 'yuv420p', 'pipe:1'],
        ],
        { maxBuffer: 64 * 2 ** 20 },
      );
      expect(rebuilt.length).toBe(frames.length * yuv420Bytes(w, h));
      const differing = frames.flatMap((f, i) => {
        const got = rebuilt.subarray(i * f.length, (i + 1) * f.length);
        return Buffer.from(f).equals(got) ? [] : [i];
      });
      expect(differing).toEqual([]);
    },
    60_000,
  );

  describe('encodeClip', () => {
    const [w, h] = [320, 180];
    const fps = { num: 24, den: 1 };
    const rects: PixelRect[] = [
      [20, 150, 280, 12],
      [200, 30, 60, 60],
    ];
    const frames = framesChangingIn(rects, w, h, 24, 7);
    const target = {
      width: w,
      height: h,
      fps,
      frames: frames.length,
      fit: 'fit',
      rateMode: 'duplicate',
    } as const;
    const media = (stillOutside?: PixelRect[]): RawFrameSource => ({
      kind: 'frames',
      width: w,
      height: h,
      fps,
      frameCount: frames.length,
      pixelFormat: 'yuv420p',
      frames: (async function* () {
        // One buffer, drawn into again for each frame, as the slate's is.
        const buffer = new Uint8Array(yuv420Bytes(w, h));
        for (const f of frames) {
          buffer.set(f);
          yield buffer;
        }
      })(),
      ...(stillOutside && { stillOutside }),
    });
    const encode = async (name: string, m: GeneratedMedia, backdropVia?: BackdropVia) => {
      const out = join(dir, `${name}.mp4`);
      const signal = new AbortController().signal;
      await encodeClip(m, target, encoders.h264, out, { signal, ...(backdropVia && { backdropVia }) });
      return sha(out);
    };
    const withTmp = async <T>(tmp: string, run: () => Promise<T>): Promise<T> => {
      const was = process.env.TMPDIR;
      process.env.TMPDIR = tmp;
      try {
        return await run();
      } finally {
        if (was === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = was;
      }
    };

    test.each(['pipe', 'file'] as const)(
      'a clip sent as patches, the first frame through a %s, is the clip sent whole; nothing is left behind',
      async (via) => {
        const whole = await encode(`whole-${via}`, media());
        const tmp = join(dir, `tmp-${via}`);
        mkdirSync(tmp);
        const patched = await withTmp(tmp, () => encode(`patched-${via}`, media(rects), via));
        expect(patched).toBe(whole);
        expect(readdirSync(tmp)).toEqual([]);
      },
      60_000,
    );

    test('the pipe is the default here: ffmpeg is started with an fd 3 and reads the first frame from it', async () => {
      expect(defaultBackdropVia()).toBe(process.platform === 'win32' ? 'file' : 'pipe');
      const whole = await encode('whole-default', media());
      const spawned = jest.spyOn(toolProcess, 'spawnTool');
      try {
        // No temporary folder at all: a file could not carry the first frame.
        const patched = await withTmp(join(dir, 'no-such-folder'), () =>
          encode('patched-default', media(rects)),
        );
        expect(patched).toBe(whole);
        const [, args, options] = spawned.mock.calls[0]!;
        expect(args.filter((a, i) => args[i - 1] === '-i')).toEqual(['pipe:0', BACKDROP_PIPE]);
        expect(options).toEqual({ stdin: true, pipe3: true });
      } finally {
        spawned.mockRestore();
      }
    }, 60_000);

    test('the command lays the pieces with a filter graph and maps its output', () => {
      const layout = patchLayout(rects, w, h)!;
      const none = (async function* () {})();
      const args = buildFfmpegArgs(
        { ...media(rects), frames: none },
        target,
        encoders.h264,
        'o.mp4',
        OUTPUT_COLOUR,
        { layout, backdrop: BACKDROP_PIPE },
      );
      expect(args).toContain('-filter_complex');
      expect(args).not.toContain('-vf');
      expect(args.slice(args.indexOf('-map'), args.indexOf('-map') + 2)).toEqual(['-map', '[v]']);
      expect(args.filter((a, i) => args[i - 1] === '-i')).toEqual(['pipe:0', 'pipe:3']);
      expect(args[args.indexOf('pipe:0') - 4]).toBe(`${layout.width}x${layout.height}`);
    });

    test('through a file, with no writable temporary folder, the frames go whole and the clip is the same', async () => {
      const whole = await encode('whole-2', media());
      const fallback = await withTmp(join(dir, 'no-such-folder'), () =>
        encode('fallback', media(rects), 'file'),
      );
      expect(fallback).toBe(whole);
    }, 60_000);
  });
});
