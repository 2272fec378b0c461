// One rectangle of the slate's frame kept per look, RGBA and yuv420p: a part that returns to a look it had
// (the hand turns once a second) is copied back instead of read from the canvas and converted again.
import { chromaReach, type PixelRect } from '../../media/yuv420';

/** Bytes of tiles one painter keeps at most: a second's turns of the hand at 4K. */
const MAX_TILE_BYTES = 48 * 2 ** 20;

interface Tile {
  rgba: Uint8Array;
  yuv: Uint8Array;
  /** The tile's yuv420p rows as views, made once: the hand is copied back nearly every frame. */
  yuvRows: Uint8Array[];
}

export class RectTiles {
  private readonly tiles = new Map<number, Tile>();
  private readonly chroma: readonly [number, number, number, number];
  private readonly yuvBytes: number;

  /**
   * `rect` must be the only part of the frame whose pixels change near it: its yuv420p samples (the chroma
   * ones reach two pixels past it) then depend on its own pixels and the card's alone.
   */
  constructor(
    private readonly width: number,
    private readonly height: number,
    private readonly rect: PixelRect,
  ) {
    this.chroma = chromaReach(rect, width, height);
    const [cx0, cy0, cx1, cy1] = this.chroma;
    this.yuvBytes = rect[2] * rect[3] + 2 * (cx1 - cx0 + 1) * (cy1 - cy0 + 1);
  }

  has(key: number): boolean {
    return this.tiles.has(key);
  }

  /** Keeps the rectangle's pixels of `rgba` and the yuv420p samples they feed in `yuv`, under `key`. */
  save(key: number, rgba: Uint8Array, yuv: Uint8Array): void {
    const rgbaBytes = this.rect[2] * this.rect[3] * 4;
    if (this.tiles.has(key) || (this.tiles.size + 1) * (rgbaBytes + this.yuvBytes) > MAX_TILE_BYTES) return;
    const packed = new Uint8Array(this.yuvBytes);
    const yuvRows = this.yuvSpans().map(([, to, n]) => packed.subarray(to, to + n));
    const tile = { rgba: new Uint8Array(rgbaBytes), yuv: packed, yuvRows };
    this.copy(rgba, yuv, tile, true);
    this.tiles.set(key, tile);
  }

  /** Writes the yuv420p of the tile kept under `key` back into the frame. */
  restoreYuv(key: number, yuv: Uint8Array): void {
    const rows = this.tiles.get(key)!.yuvRows;
    const spans = this.yuvSpans();
    for (let i = 0; i < rows.length; i++) yuv.set(rows[i]!, spans[i]![0]);
  }

  /** Writes the RGBA of the tile kept under `key` back into the frame. */
  restoreRgba(key: number, rgba: Uint8Array): void {
    this.copy(rgba, undefined, this.tiles.get(key)!, false);
  }

  private spans: [number, number, number][] | undefined;

  /** Each yuv420p row of the rectangle: where it starts in the frame, where in the tile, and its length. */
  private yuvSpans(): [number, number, number][] {
    if (this.spans) return this.spans;
    const { width: w, height: h } = this;
    const [rx, ry, rw, rh] = this.rect;
    const [cx0, cy0, cx1, cy1] = this.chroma;
    const cw = Math.ceil(w / 2);
    const chromaW = cx1 - cx0 + 1;
    const chromaH = cy1 - cy0 + 1;
    const spans: [number, number, number][] = [];
    for (let row = 0; row < rh; row++) spans.push([(ry + row) * w + rx, row * rw, rw]);
    for (const [p, plane] of [w * h, w * h + cw * Math.ceil(h / 2)].entries()) {
      const base = rw * rh + p * chromaW * chromaH;
      for (let row = 0; row < chromaH; row++) {
        spans.push([plane + (cy0 + row) * cw + cx0, base + row * chromaW, chromaW]);
      }
    }
    this.spans = spans;
    return spans;
  }

  /** Row by row between the frame and the tile (RGBA, then the yuv420p planes packed Y', Cb, Cr). */
  private copy(
    rgba: Uint8Array | undefined,
    yuv: Uint8Array | undefined,
    tile: Tile,
    intoTile: boolean,
  ): void {
    const { width: w } = this;
    const [rx, ry, rw, rh] = this.rect;
    const move = (frame: Uint8Array, at: number, packed: Uint8Array, to: number, n: number) => {
      if (intoTile) packed.set(frame.subarray(at, at + n), to);
      else frame.set(packed.subarray(to, to + n), at);
    };
    for (let row = 0; rgba && row < rh; row++)
      move(rgba, ((ry + row) * w + rx) * 4, tile.rgba, row * rw * 4, rw * 4);
    for (const [at, to, n] of yuv ? this.yuvSpans() : []) move(yuv!, at, tile.yuv, to, n);
  }
}
