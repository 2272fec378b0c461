// One rectangle of the slate's frame kept per look, as yuv420p: a part that returns to a look it had (the hand
// turns once a second) is copied back instead of read from the canvas and converted again. The RGBA is not
// kept: the painter reads a part back whole when its RGBA is wanted again (slate-painter.ts, framePixels).
import { chromaReach, type PixelRect } from '../../media/yuv420';

/** Bytes of tiles one painter keeps at most: a second's turns of the hand at 4K. */
const MAX_TILE_BYTES = 48 * 2 ** 20;

/** A tile's yuv420p rows as views of its own bytes, made once: the hand is copied back nearly every frame. */
type Tile = Uint8Array[];

export class RectTiles {
  private readonly tiles = new Map<number, Tile>();
  /** Tiles of an earlier clip (see clear), filled again before fresh ones are made. */
  private readonly spare: Tile[] = [];
  private readonly chroma: readonly [number, number, number, number];
  private readonly yuvBytes: number;

  /**
   * `rect` must be the only part of the frame whose pixels change near it: its yuv420p samples (the chroma
   * ones reach two pixels past it) then depend on its own pixels and the card's alone.
   */
  constructor(
    private readonly width: number,
    private readonly height: number,
    readonly rect: PixelRect,
  ) {
    this.chroma = chromaReach(rect, width, height);
    const [cx0, cy0, cx1, cy1] = this.chroma;
    this.yuvBytes = rect[2] * rect[3] + 2 * (cx1 - cx0 + 1) * (cy1 - cy0 + 1);
  }

  has(key: number): boolean {
    return this.tiles.has(key);
  }

  /** Keeps the yuv420p samples the rectangle's pixels feed in `yuv`, under `key`. */
  save(key: number, yuv: Uint8Array): void {
    if (this.tiles.has(key) || (this.tiles.size + 1) * this.yuvBytes > MAX_TILE_BYTES) return;
    let rows = this.spare.pop();
    if (!rows) {
      const packed = new Uint8Array(this.yuvBytes);
      rows = this.yuvSpans().map(([, to, n]) => packed.subarray(to, to + n));
    }
    const from = this.frameRows(yuv);
    for (let i = 0; i < rows.length; i++) rows[i]!.set(from[i]!);
    this.tiles.set(key, rows);
  }

  /** Forgets every tile, keeping their memory for the next clip's (a second's worth, ~1 MB at 720p). */
  clear(): void {
    this.spare.push(...this.tiles.values());
    this.tiles.clear();
  }

  /** Where the tiles of `rect` of a frame of this size are pooled (slate-painter.ts). */
  static keyOf(width: number, height: number, rect: PixelRect): string {
    return `${width}x${height}:${rect.join(',')}`;
  }

  /** Writes the yuv420p of the tile kept under `key` back into the frame. */
  restoreYuv(key: number, yuv: Uint8Array): void {
    const rows = this.tiles.get(key)!;
    const to = this.frameRows(yuv);
    for (let i = 0; i < rows.length; i++) to[i]!.set(rows[i]!);
  }

  private rowsOf: { yuv: Uint8Array; rows: Uint8Array[] } | undefined;

  /**
   * The rectangle's rows in the frame `yuv`, as views made once per frame buffer (the painter keeps one a
   * clip, and the pool hands the same to the next): a copy per row is then one native call, and no row
   * view is made per tile (350 of them a tile were most of the painter's garbage).
   */
  private frameRows(yuv: Uint8Array): Uint8Array[] {
    if (this.rowsOf?.yuv !== yuv) {
      this.rowsOf = { yuv, rows: this.yuvSpans().map(([at, , n]) => yuv.subarray(at, at + n)) };
    }
    return this.rowsOf.rows;
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
}
