// RGBA frames to the encoder's own yuv420p (BT.709, limited range) and back, in process: a raw-frame backend
// that converts while it draws hands ffmpeg frames it only has to encode, at 1.5 instead of 4 bytes a pixel.
//
// The conversion is the one the ffmpeg chain does with zscale (encode.ts): RGB code values taken as BT.709
// R'G'B' full range, the BT.709 matrix (Rec. ITU-R BT.709-6, item 3.2), Y' scaled to 16..235 and Cb/Cr to
// 16..240, chroma sited as H.264 assumes when the stream says nothing (chroma_loc 0, "left": horizontally on
// the even luma column, vertically between two rows; H.264 Annex E, figure E-1) and filtered the way zimg's
// default bilinear resize does at 2:1 (a triangle twice the source pixel wide), rounded to nearest. On the
// slate's frames it gives zscale's bytes exactly, so a clip is byte for byte the one the zscale chain made
// (test/companion/slate-yuv.test.ts holds it to that).

const KR = 0.2126;
const KB = 0.0722;
const KG = 1 - KR - KB;
const Y_SCALE = 219 / 255;
const C_SCALE = 224 / 255;
// Cb = (B' - Y') / (2 (1 - Kb)), Cr = (R' - Y') / (2 (1 - Kr)), expanded into weights on R', G', B'.
const CB = [-KR / (2 * (1 - KB)), -KG / (2 * (1 - KB)), 0.5] as const;
const CR = [0.5, -KG / (2 * (1 - KR)), -KB / (2 * (1 - KR))] as const;
// Taps of the 2:1 triangle: centred on the even column (-1, 0, +1) and between two rows (-1, 0, +1, +2).
const H_TAPS = [0.25, 0.5, 0.25] as const;
const V_TAPS = [0.125, 0.375, 0.375, 0.125] as const;

/**
 * The doubles above, in the order kernels/yuv420.wat reads them from its memory, so the kernel multiplies by
 * the very same values instead of a second spelling of them. H_TAPS are not among them: the kernel relies on
 * their being 1/4, 1/2, 1/4 (see there).
 */
export const YUV420_WEIGHTS: readonly number[] = [KR, KG, KB, Y_SCALE, C_SCALE, ...CB, ...CR, ...V_TAPS];

/** Bytes of one yuv420p frame: a full-size Y' plane and two quarter-size chroma planes. */
export function yuv420Bytes(width: number, height: number): number {
  return width * height + 2 * Math.ceil(width / 2) * Math.ceil(height / 2);
}

/** A rectangle of the frame in luma pixels: x, y, width, height. */
export type PixelRect = readonly [number, number, number, number];

const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);

/**
 * The chroma samples (first and last column, first and last row, inclusive) that pixels inside `rect` reach
 * through the filter's taps: columns 2cx-1..2cx+1 and rows 2cy-1..2cy+2 feed sample (cx, cy).
 */
export function chromaReach(
  [rx, ry, rw, rh]: PixelRect,
  width: number,
  height: number,
): [number, number, number, number] {
  const cw = Math.ceil(width / 2);
  const ch = Math.ceil(height / 2);
  return [
    clamp(Math.ceil((rx - 1) / 2), 0, cw - 1),
    clamp(Math.ceil((ry - 2) / 2), 0, ch - 1),
    clamp(Math.floor((rx + rw) / 2), 0, cw - 1),
    clamp(Math.floor((ry + rh) / 2), 0, ch - 1),
  ];
}

/**
 * Writes the yuv420p of `rgba` (width x height, opaque) into `out`, or only the samples that pixels inside
 * `rect` contribute to: the rest of `out` must already hold the conversion of the same pixels (a static card's,
 * say), and then the result equals converting the whole frame. Edge pixels repeat past the border.
 */
export function rgbaToYuv420(
  rgba: Uint8Array,
  width: number,
  height: number,
  out: Uint8Array,
  rect: PixelRect = [0, 0, width, height],
): void {
  // One 32-bit load per pixel instead of three byte loads (little-endian: R is the low byte).
  const px =
    rgba.byteOffset % 4 === 0
      ? new Uint32Array(rgba.buffer, rgba.byteOffset, width * height)
      : new Uint32Array(rgba.slice(0, width * height * 4).buffer);
  const [rx, ry, rw, rh] = rect;
  for (let y = ry; y < ry + rh; y++) {
    let at = y * width + rx;
    const end = at + rw;
    for (; at < end; at++) {
      const p = px[at]!;
      out[at] = ((KR * (p & 255) + KG * ((p >>> 8) & 255) + KB * ((p >>> 16) & 255)) * Y_SCALE + 16.5) | 0;
    }
  }
  const cw = Math.ceil(width / 2);
  const ch = Math.ceil(height / 2);
  const [cx0, cy0, cx1, cy1] = chromaReach(rect, width, height);
  const uPlane = width * height;
  const vPlane = uPlane + cw * ch;
  // Separable: each needed row filtered at the chroma columns (R', G', B' weighted, then the matrix: the same
  // sums in another order), then down the columns. Chroma row cy takes rows 2cy-1 .. 2cy+2 (edges repeated)
  // and shares two of them with the next, so four filtered rows are kept, not the whole frame's.
  const cols = cx1 - cx0 + 1;
  const firstRow = 2 * cy0 - 1;
  const hu = new Float64Array(4 * cols);
  const hv = new Float64Array(4 * cols);
  const [h0, h1, h2] = H_TAPS;
  const filterRow = (i: number) => {
    const line = clamp(firstRow + i, 0, height - 1) * width;
    const slot = (i & 3) * cols;
    for (let c = 0; c < cols; c++) {
      const x = 2 * (cx0 + c);
      const a = px[line + (x > 0 ? x - 1 : 0)]!;
      const m = px[line + x]!;
      const b = px[line + (x + 1 < width ? x + 1 : width - 1)]!;
      const r = h0 * (a & 255) + h1 * (m & 255) + h2 * (b & 255);
      const g = h0 * ((a >>> 8) & 255) + h1 * ((m >>> 8) & 255) + h2 * ((b >>> 8) & 255);
      const bl = h0 * ((a >>> 16) & 255) + h1 * ((m >>> 16) & 255) + h2 * ((b >>> 16) & 255);
      hu[slot + c] = CB[0] * r + CB[1] * g + CB[2] * bl;
      hv[slot + c] = CR[0] * r + CR[1] * g + CR[2] * bl;
    }
  };
  filterRow(0);
  filterRow(1);
  const [v0, v1, v2, v3] = V_TAPS;
  for (let cy = cy0; cy <= cy1; cy++) {
    const k = 2 * (cy - cy0);
    filterRow(k + 2);
    filterRow(k + 3);
    const t0 = (k & 3) * cols;
    const t1 = ((k + 1) & 3) * cols;
    const t2 = ((k + 2) & 3) * cols;
    const t3 = ((k + 3) & 3) * cols;
    const row = cy * cw + cx0;
    for (let c = 0; c < cols; c++) {
      const u = v0 * hu[t0 + c]! + v1 * hu[t1 + c]! + v2 * hu[t2 + c]! + v3 * hu[t3 + c]!;
      const v = v0 * hv[t0 + c]! + v1 * hv[t1 + c]! + v2 * hv[t2 + c]! + v3 * hv[t3 + c]!;
      out[uPlane + row + c] = (u * C_SCALE + 128.5) | 0;
      out[vPlane + row + c] = (v * C_SCALE + 128.5) | 0;
    }
  }
}

/**
 * The RGBA a player shows for a yuv420p frame (each chroma sample over its 2x2 pixels): enough for a
 * thumbnail, which is all it is used for.
 */
export function yuv420ToRgba(yuv: Uint8Array, width: number, height: number): Uint8Array {
  const cw = Math.ceil(width / 2);
  const uPlane = width * height;
  const vPlane = uPlane + cw * Math.ceil(height / 2);
  const rgba = new Uint8Array(width * height * 4);
  const byte = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));
  // Each code value's share, worked out once for all 256 (the same sums a pixel at a time would make).
  const luma = Float64Array.from({ length: 256 }, (_, v) => (v - 16) / Y_SCALE);
  const crToR = Float64Array.from({ length: 256 }, (_, v) => 2 * (1 - KR) * ((v - 128) / C_SCALE));
  const cbToB = Float64Array.from({ length: 256 }, (_, v) => 2 * (1 - KB) * ((v - 128) / C_SCALE));
  for (let y = 0; y < height; y++) {
    const chromaRow = (y >> 1) * cw;
    for (let x = 0; x < width; x++) {
      const c = chromaRow + (x >> 1);
      const l = luma[yuv[y * width + x]!]!;
      const r = l + crToR[yuv[vPlane + c]!]!;
      const b = l + cbToB[yuv[uPlane + c]!]!;
      const at = (y * width + x) * 4;
      rgba[at] = byte(r);
      rgba[at + 1] = byte((l - KR * r - KB * b) / KG);
      rgba[at + 2] = byte(b);
      rgba[at + 3] = 255;
    }
  }
  return rgba;
}
