// Frames that change only inside a few fixed rectangles (the slate's moving parts: about a tenth of a 720p
// frame) are sent to ffmpeg as just those rectangles, packed into one small raw frame; ffmpeg lays them back
// over the first frame (patch-input.ts). The pipe then carries a fraction of the bytes, and the copying into
// and out of it was most of what a slate clip cost beyond the encode itself.
import { chromaReach, type PixelRect } from './yuv420';

/** One rectangle of the frame (luma pixels, even-aligned) and where it sits in the packed frame. */
export interface PatchPiece {
  x: number;
  y: number;
  width: number;
  height: number;
  packedX: number;
  packedY: number;
}

/** The packed frame's size and its pieces: every frame sent is this, cut from a whole frame (cutPatches). */
export interface PatchLayout {
  /** The whole frame's size. */
  frameWidth: number;
  frameHeight: number;
  width: number;
  height: number;
  pieces: PatchPiece[];
}

/** Packed frames larger than this share of a whole one are not worth the overlays: whole frames are sent. */
const MAX_PACKED_SHARE = 0.5;
/** Each piece is one more crop and overlay per frame in ffmpeg; counted as this many pixels when choosing. */
const PIECE_COST_PX = 8192;
/** Overlays chained at most. */
const MAX_PIECES = 8;

/**
 * The even-aligned rectangle holding every luma and chroma sample that pixels inside `rect` reach (the
 * chroma filter reaches a pixel or two past them): where a frame can differ from the frame before.
 */
export function patchRegion(rect: PixelRect, width: number, height: number): PixelRect {
  const [cx0, cy0, cx1, cy1] = chromaReach(rect, width, height);
  // + 0: a reach clamped at the frame's edge can be -0.
  const x = 2 * cx0 + 0;
  const y = 2 * cy0 + 0;
  return [x, y, Math.min(width, 2 * cx1 + 2) - x, Math.min(height, 2 * cy1 + 2) - y];
}

/** `region` cut into `n` slices side by side, each an even number of pixels wide. */
function slices([x, y, w, h]: PixelRect, n: number): PixelRect[] {
  const pairs = w / 2;
  const each = Math.floor(pairs / n);
  const wider = pairs - each * n;
  const out: PixelRect[] = [];
  for (let i = 0, at = x; i < n; i++) {
    const sw = 2 * (each + (i < wider ? 1 : 0));
    out.push([at, y, sw, h]);
    at += sw;
  }
  return out;
}

/** Shelf packing `regions` into a frame `packedWidth` wide: the tallest first, each on the first shelf it fits. */
function packInto(regions: PixelRect[], packedWidth: number): { pieces: PatchPiece[]; height: number } {
  const parts = regions.flatMap((r) => slices(r, Math.ceil(r[2] / packedWidth)));
  parts.sort((a, b) => b[3] - a[3] || b[2] - a[2]);
  const shelves: { y: number; height: number; used: number }[] = [];
  let height = 0;
  const pieces = parts.map(([x, y, w, h]): PatchPiece => {
    let shelf = shelves.find((s) => s.used + w <= packedWidth && h <= s.height);
    if (!shelf) {
      shelf = { y: height, height: h, used: 0 };
      shelves.push(shelf);
      height += h;
    }
    const piece = { x, y, width: w, height: h, packedX: shelf.used, packedY: shelf.y };
    shelf.used += w;
    return piece;
  });
  return { pieces, height };
}

/**
 * How to send frames of `width` x `height` (yuv420p, even sizes) that differ from their first only inside
 * `rects`; undefined when whole frames are as good (the rectangles cover much of the frame, or there are
 * too many to overlay).
 */
export function patchLayout(
  rects: readonly PixelRect[],
  width: number,
  height: number,
): PatchLayout | undefined {
  if (width % 2 || height % 2) return undefined;
  const regions = rects.filter(([, , w, h]) => w > 0 && h > 0).map((r) => patchRegion(r, width, height));
  if (!regions.length) return undefined;
  let best: { pieces: PatchPiece[]; width: number; height: number; cost: number } | undefined;
  // The packed width is one of the regions' (the others are then sliced or shelved beside each other).
  for (const packedWidth of new Set(regions.map((r) => r[2]))) {
    const { pieces, height: packedHeight } = packInto(regions, packedWidth);
    if (pieces.length > MAX_PIECES) continue;
    const cost = packedWidth * packedHeight + PIECE_COST_PX * pieces.length;
    if (!best || cost < best.cost) best = { pieces, width: packedWidth, height: packedHeight, cost };
  }
  if (!best || best.width * best.height > MAX_PACKED_SHARE * width * height) return undefined;
  return {
    frameWidth: width,
    frameHeight: height,
    width: best.width,
    height: best.height,
    pieces: best.pieces,
  };
}

/** Bytes of one packed yuv420p frame. */
export function packedBytes(layout: PatchLayout): number {
  return (layout.width * layout.height * 3) / 2;
}

/** Copies the layout's pieces of the whole yuv420p `frame` into `out` (packedBytes long) and returns it. */
export function cutPatches(frame: Uint8Array, layout: PatchLayout, out: Uint8Array): Uint8Array {
  const { frameWidth: fw, frameHeight: fh, width: pw, height: ph } = layout;
  // Y', then Cb and Cr at half size: offsets and row lengths of each plane, in the frame and packed.
  const planes = [
    [0, fw, 0, pw, 1],
    [fw * fh, fw / 2, pw * ph, pw / 2, 2],
    [(fw * fh * 5) / 4, fw / 2, (pw * ph * 5) / 4, pw / 2, 2],
  ] as const;
  // Buffer views, made once a frame: Buffer.copy takes offsets, where a subarray per row would be garbage.
  const source = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
  const target = Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  for (const [from, fromRow, to, toRow, scale] of planes) {
    for (const { x, y, width, height, packedX, packedY } of layout.pieces) {
      const w = width / scale;
      for (let row = 0; row < height / scale; row++) {
        const src = from + (y / scale + row) * fromRow + x / scale;
        source.copy(target, to + (packedY / scale + row) * toRow + packedX / scale, src, src + w);
      }
    }
  }
  return out;
}
