// Packing the rectangles where frames change into one small frame: every sample that can change is sent,
// each exactly once per piece, nothing overlaps in the packed frame, and cutting copies the right bytes.
import fc from 'fast-check';
import { cutPatches, packedBytes, patchLayout, patchRegion } from '../../companion/media/patch-layout';
import { chromaReach, yuv420Bytes, type PixelRect } from '../../companion/media/yuv420';

/** Luma pixels of the rectangles, as "x,y" keys. */
function pixelsOf(rects: readonly PixelRect[]): Set<string> {
  const out = new Set<string>();
  for (const [x, y, w, h] of rects) {
    for (let j = y; j < y + h; j++) for (let i = x; i < x + w; i++) out.add(`${i},${j}`);
  }
  return out;
}

const rectIn = (width: number, height: number) =>
  fc
    .tuple(
      fc.nat(width - 1),
      fc.nat(height - 1),
      fc.integer({ min: 1, max: width }),
      fc.integer({ min: 1, max: height }),
    )
    .map(([x, y, w, h]): PixelRect => [x, y, Math.min(w, width - x), Math.min(h, height - y)]);

/** An even frame size (min..max pairs of pixels) and a value drawn for it. */
function sized<T>(
  min: number,
  maxWidth: number,
  maxHeight: number,
  of: (width: number, height: number) => fc.Arbitrary<T>,
): fc.Arbitrary<[number, number, T]> {
  return fc
    .tuple(fc.integer({ min, max: maxWidth }), fc.integer({ min, max: maxHeight }))
    .chain(([a, b]) => of(2 * a, 2 * b).map((value): [number, number, T] => [2 * a, 2 * b, value]));
}

describe('patch regions', () => {
  test('a region is even-aligned and holds the rectangle and every chroma sample it reaches', () => {
    fc.assert(
      fc.property(
        sized(1, 40, 30, (w, h) => rectIn(w, h)),
        ([width, height, rect]) => {
          const [x, y, w, h] = patchRegion(rect, width, height);
          expect([x % 2, y % 2, w % 2, h % 2]).toEqual([0, 0, 0, 0]);
          expect(x + w).toBeLessThanOrEqual(width);
          expect(y + h).toBeLessThanOrEqual(height);
          expect(x).toBeLessThanOrEqual(rect[0]);
          expect(y).toBeLessThanOrEqual(rect[1]);
          expect(x + w).toBeGreaterThanOrEqual(rect[0] + rect[2]);
          expect(y + h).toBeGreaterThanOrEqual(rect[1] + rect[3]);
          // + 0: a reach clamped at the edge may be -0, which toEqual tells from 0.
          const reach = chromaReach(rect, width, height).map((v) => v + 0);
          expect([x / 2, y / 2, (x + w) / 2 - 1, (y + h) / 2 - 1]).toEqual(reach);
        },
      ),
    );
  });
});

describe('patch layout', () => {
  test('the pieces cover the regions, fit the packed frame and do not overlap in it', () => {
    fc.assert(
      fc.property(
        sized(8, 90, 60, (w, h) => fc.array(rectIn(w, h), { minLength: 1, maxLength: 4 })),
        ([width, height, rects]) => {
          const layout = patchLayout(rects, width, height);
          if (!layout) return;
          expect(layout.width % 2).toBe(0);
          expect(layout.height % 2).toBe(0);
          expect(layout.width * layout.height).toBeLessThanOrEqual(0.5 * width * height);
          const packed = new Set<string>();
          for (const p of layout.pieces) {
            expect([p.x % 2, p.y % 2, p.width % 2, p.height % 2, p.packedX % 2, p.packedY % 2]).toEqual([
              0, 0, 0, 0, 0, 0,
            ]);
            expect(p.packedX + p.width).toBeLessThanOrEqual(layout.width);
            expect(p.packedY + p.height).toBeLessThanOrEqual(layout.height);
            for (const px of pixelsOf([[p.packedX, p.packedY, p.width, p.height]])) {
              expect(packed.has(px)).toBe(false);
              packed.add(px);
            }
          }
          const sent = pixelsOf(layout.pieces.map((p): PixelRect => [p.x, p.y, p.width, p.height]));
          const needed = pixelsOf(rects.map((r) => patchRegion(r, width, height)));
          expect([...needed].filter((px) => !sent.has(px))).toEqual([]);
          expect([...sent].filter((px) => !needed.has(px))).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });

  test('the slate’s three moving rectangles at 720p pack into a fifth of a frame', () => {
    const rects: PixelRect[] = [
      [38, 658, 1205, 19],
      [1044, 174, 173, 173],
      [820, 545, 460, 101],
    ];
    const layout = patchLayout(rects, 1280, 720)!;
    expect(layout.pieces.length).toBeLessThanOrEqual(8);
    expect(packedBytes(layout)).toBeLessThan(yuv420Bytes(1280, 720) / 5);
  });

  test('whole frames when the rectangles cover most of it, there are none, or the size is odd', () => {
    expect(patchLayout([[0, 0, 1200, 700]], 1280, 720)).toBeUndefined();
    expect(patchLayout([], 1280, 720)).toBeUndefined();
    expect(patchLayout([[10, 10, 0, 5]], 1280, 720)).toBeUndefined();
    expect(patchLayout([[10, 10, 20, 20]], 641, 360)).toBeUndefined();
  });

  test('cutting copies each piece’s Y′, Cb and Cr samples to its place in the packed frame', () => {
    const [w, h] = [64, 48];
    const layout = patchLayout(
      [
        [3, 5, 20, 7],
        [40, 30, 9, 11],
      ],
      w,
      h,
    )!;
    const frame = new Uint8Array(yuv420Bytes(w, h)).map((_, i) => (i * 7 + 3) % 251);
    const out = cutPatches(frame, layout, new Uint8Array(packedBytes(layout)).fill(0));
    const [pw, ph] = [layout.width, layout.height];
    for (const p of layout.pieces) {
      for (let j = 0; j < p.height; j++) {
        for (let i = 0; i < p.width; i++) {
          expect(out[(p.packedY + j) * pw + p.packedX + i]).toBe(frame[(p.y + j) * w + p.x + i]);
        }
      }
      for (const [from, to] of [
        [w * h, pw * ph],
        [(w * h * 5) / 4, (pw * ph * 5) / 4],
      ] as const) {
        for (let j = 0; j < p.height / 2; j++) {
          for (let i = 0; i < p.width / 2; i++) {
            const got = out[to + (p.packedY / 2 + j) * (pw / 2) + p.packedX / 2 + i];
            expect(got).toBe(frame[from + (p.y / 2 + j) * (w / 2) + p.x / 2 + i]);
          }
        }
      }
    }
  });
});
