// The yuv420p kernel's planes: every conversion, whole or a rectangle, is rgbaToYuv420's to the byte (the
// kernel path really runs: the reference is not called), the fallback without WebAssembly SIMD, and the pool.
import fc from 'fast-check';
import * as wasmKernels from '../../companion/util/wasm-kernels';
import { releaseSpares } from '../../companion/util/spare-pool';
import * as yuv420 from '../../companion/media/yuv420';
import {
  framePlanes,
  idleFramePlanes,
  releaseIdleFramePlanes,
  type FramePlanes,
} from '../../companion/media/frame-planes';
import type { PixelRect } from '../../companion/media/yuv420';

const { rgbaToYuv420, yuv420Bytes } = yuv420;

/** rgbaToYuv420 of `rgba` over a copy of `prior`. */
function reference(rgba: Uint8Array, w: number, h: number, prior: Uint8Array, rect?: PixelRect): Buffer {
  const out = prior.slice();
  rgbaToYuv420(rgba, w, h, out, rect);
  return Buffer.from(out);
}

const noisy = (length: number, seed: number) => {
  let s = seed >>> 0 || 1;
  return Uint8Array.from({ length }, () => ((s = (s * 1103515245 + 12345) >>> 0) >>> 23) & 255);
};

/** A size (odd ones included), its pixels (alpha too: both ignore it), old yuv bytes and a rect inside. */
const cases = fc.tuple(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 50 })).chain(([w, h]) =>
  fc.record({
    w: fc.constant(w),
    h: fc.constant(h),
    pixels: fc.uint8Array({ minLength: w * h * 4, maxLength: w * h * 4 }),
    prior: fc.uint8Array({ minLength: yuv420Bytes(w, h), maxLength: yuv420Bytes(w, h) }),
    rect: fc
      .tuple(fc.integer({ min: 0, max: w }), fc.integer({ min: 0, max: h }))
      .chain(([x, y]) =>
        fc.tuple(
          fc.constant(x),
          fc.constant(y),
          fc.integer({ min: 0, max: w - x }),
          fc.integer({ min: 0, max: h - y }),
        ),
      ),
  }),
);

let spy: jest.SpyInstance | undefined;
afterEach(() => {
  spy?.mockRestore();
  spy = undefined;
  releaseIdleFramePlanes();
});

/** Runs `body` with planes of that size, released after; the reference must not be what converts. */
function withPlanes(w: number, h: number, body: (planes: FramePlanes) => void): void {
  const planes = framePlanes(w, h);
  const viaReference = jest.spyOn(yuv420, 'rgbaToYuv420');
  try {
    const calls = () => viaReference.mock.calls.filter(([rgba]) => rgba === planes.rgba).length;
    body(planes);
    expect(calls()).toBe(0);
  } finally {
    viaReference.mockRestore();
    planes.release();
  }
}

describe('the kernel equals rgbaToYuv420 byte for byte', () => {
  test('random sizes, pixels and rectangles over random old bytes', () => {
    fc.assert(
      fc.property(cases, ({ w, h, pixels, prior, rect }) => {
        withPlanes(w, h, (planes) => {
          planes.rgba.set(pixels);
          planes.yuv.set(prior);
          planes.convert(rect);
          expect(Buffer.from(planes.yuv).equals(reference(pixels, w, h, prior, rect))).toBe(true);
          planes.convert();
          expect(Buffer.from(planes.yuv).equals(reference(pixels, w, h, prior))).toBe(true);
        });
      }),
      { numRuns: 400 },
    );
  });

  test('a rect converted over the old frame equals the changed frame converted whole', () => {
    fc.assert(
      fc.property(cases, fc.integer(), ({ w, h, pixels, prior, rect }, seed) => {
        withPlanes(w, h, (planes) => {
          planes.rgba.set(pixels);
          planes.yuv.set(prior);
          planes.convert();
          const [x, y, rw, rh] = rect;
          const patch = noisy(rw * 4, seed);
          for (let row = y; row < y + rh; row++) planes.rgba.set(patch, (row * w + x) * 4);
          planes.convert(rect);
          const changed = planes.rgba.slice();
          expect(Buffer.from(planes.yuv).equals(reference(changed, w, h, new Uint8Array(prior.length)))).toBe(
            true,
          );
        });
      }),
      { numRuns: 300 },
    );
  });

  test.each([
    [1, 1],
    [2, 2],
    [3, 1],
    [1, 3],
    [1281, 721],
    [1920, 1080],
  ])('%ix%i: whole frame, corner pixels and edge strips', (w, h) => {
    const pixels = noisy(w * h * 4, w * 31 + h);
    const rects: PixelRect[] = [
      [0, 0, w, h],
      [0, 0, 1, 1],
      [w - 1, h - 1, 1, 1],
      [w - 1, 0, 1, h],
      [0, h - 1, w, 1],
      [Math.floor(w / 2), Math.floor(h / 2), Math.ceil(w / 2), Math.ceil(h / 2)],
    ];
    withPlanes(w, h, (planes) => {
      const prior = noisy(yuv420Bytes(w, h), 7);
      planes.rgba.set(pixels);
      for (const rect of rects) {
        planes.yuv.set(prior);
        planes.convert(rect);
        expect([rect, Buffer.from(planes.yuv).equals(reference(pixels, w, h, prior, rect))]).toEqual([
          rect,
          true,
        ]);
      }
    });
  });
});

test('without WebAssembly SIMD the planes are plain arrays converted by rgbaToYuv420', () => {
  releaseIdleFramePlanes();
  spy = jest.spyOn(wasmKernels, 'kernelInstance').mockReturnValue(undefined);
  const viaReference = jest.spyOn(yuv420, 'rgbaToYuv420');
  const [w, h] = [37, 23];
  const planes = framePlanes(w, h);
  try {
    expect(spy).toHaveBeenCalled();
    const pixels = noisy(w * h * 4, 5);
    const prior = noisy(yuv420Bytes(w, h), 6);
    planes.rgba.set(pixels);
    planes.yuv.set(prior);
    planes.convert([3, 4, 10, 9]);
    expect(viaReference).toHaveBeenCalledWith(planes.rgba, w, h, planes.yuv, [3, 4, 10, 9]);
    expect(Buffer.from(planes.yuv).equals(reference(pixels, w, h, prior, [3, 4, 10, 9]))).toBe(true);
  } finally {
    viaReference.mockRestore();
    planes.release();
  }
});

describe('the pool', () => {
  test('a released planes of the size is reused; only the latest size is kept; idle ones can be dropped', () => {
    const [first, other] = [framePlanes(64, 36), framePlanes(64, 36)];
    const memories = [first.rgba.buffer, other.rgba.buffer];
    // Held at once, two planes never share memory.
    expect(memories[1]).not.toBe(memories[0]);
    first.release();
    other.release();
    expect(idleFramePlanes()).toBe(2);
    const again = framePlanes(64, 36);
    expect(memories).toContain(again.rgba.buffer);
    again.release();
    framePlanes(32, 18).release();
    expect(idleFramePlanes()).toBe(1);
    const fresh = framePlanes(64, 36);
    expect(memories).not.toContain(fresh.rgba.buffer);
    fresh.release();
    releaseIdleFramePlanes();
    expect(idleFramePlanes()).toBe(0);
    framePlanes(8, 8).release();
    releaseSpares();
    expect(idleFramePlanes()).toBe(0);
  });

  test('a released planes refuses use; a reused one starts from its last contents and converts correctly', () => {
    const planes = framePlanes(16, 9);
    planes.rgba.fill(200);
    planes.convert();
    planes.release();
    expect(() => planes.rgba).toThrow(/released/);
    expect(() => planes.yuv).toThrow(/released/);
    expect(() => planes.convert()).toThrow(/released/);
    expect(() => planes.release()).toThrow(/released/);
    expect(idleFramePlanes()).toBe(1);
    withPlanes(16, 9, (next) => {
      expect(next.rgba[0]).toBe(200);
      next.rgba.set(noisy(16 * 9 * 4, 3));
      next.convert();
      expect(Buffer.from(next.yuv).equals(reference(next.rgba, 16, 9, new Uint8Array(next.yuv.length)))).toBe(
        true,
      );
      // Sized once: another planes' memory growing leaves these views attached.
      framePlanes(640, 360).release();
      expect([next.rgba.byteLength, next.yuv.byteLength]).toEqual([16 * 9 * 4, yuv420Bytes(16, 9)]);
    });
  });

  test('sizes and rectangles outside the frame are refused', () => {
    expect(() => framePlanes(0, 4)).toThrow(RangeError);
    expect(() => framePlanes(4.5, 4)).toThrow(RangeError);
    const planes = framePlanes(10, 6);
    try {
      for (const rect of [
        [-1, 0, 2, 2],
        [9, 0, 2, 1],
        [0, 5, 1, 2],
        [0, 0, 1.5, 1],
      ] as PixelRect[])
        expect(() => planes.convert(rect)).toThrow(RangeError);
      planes.convert([10, 6, 0, 0]);
    } finally {
      planes.release();
    }
  });
});
