// Boxes on the slate's frame: where each moving part drew, and where one frame differs from the frame before
// it, so a painter reads back and converts only those pixels.

export type Box = readonly [number, number, number, number];
export type PixelBox = [number, number, number, number];

/** Antialiased edges and glyph hinting reach this far past a shape's geometry. */
const BLEED_PX = 2;

export const EMPTY_BOX: PixelBox = [0, 0, 0, 0];

export const isEmpty = (box: PixelBox) => box[2] <= 0 || box[3] <= 0;

/** The parts of a text's metrics its ink box comes from. */
export type InkMetrics = Pick<
  TextMetrics,
  | 'width'
  | 'actualBoundingBoxLeft'
  | 'actualBoundingBoxRight'
  | 'actualBoundingBoxAscent'
  | 'actualBoundingBoxDescent'
>;

/** A text's ink box from its metrics, drawn right-aligned at (x, y) on the alphabetic baseline. */
export function textBox(m: InkMetrics, x: number, y: number): Box {
  const left = x - m.actualBoundingBoxLeft;
  const top = y - m.actualBoundingBoxAscent;
  return [
    left,
    top,
    m.actualBoundingBoxLeft + m.actualBoundingBoxRight,
    m.actualBoundingBoxAscent + m.actualBoundingBoxDescent,
  ];
}

/** The box of a pie slice from 12 o'clock clockwise to `end`: its centre, both ends and the extremes it passes. */
export function sectorBox(cx: number, cy: number, r: number, end: number): Box {
  const points: [number, number][] = [
    [cx, cy],
    [cx, cy - r],
    [cx + r * Math.cos(end), cy + r * Math.sin(end)],
  ];
  // 3, 6 and 9 o'clock lie at 0, pi/2 and pi from the start at -pi/2.
  for (const at of [0, Math.PI / 2, Math.PI])
    if (end >= at) points.push([cx + r * Math.cos(at), cy + r * Math.sin(at)]);
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return [
    Math.min(...xs),
    Math.min(...ys),
    Math.max(...xs) - Math.min(...xs),
    Math.max(...ys) - Math.min(...ys),
  ];
}

/** A box grown by the bleed, in whole pixels, cut to `rect` (where the card is put back each frame). */
export function within([x, y, w, h]: Box, rect: PixelBox): PixelBox {
  const [rx, ry, rw, rh] = rect;
  const x0 = Math.max(rx, Math.floor(x) - BLEED_PX);
  const y0 = Math.max(ry, Math.floor(y) - BLEED_PX);
  const x1 = Math.min(rx + rw, Math.ceil(x + w) + BLEED_PX);
  const y1 = Math.min(ry + rh, Math.ceil(y + h) + BLEED_PX);
  return [x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0)];
}

/** The smallest box holding both; an empty or absent one adds nothing. */
export function hull(a: PixelBox, b: PixelBox | undefined): PixelBox {
  if (!b || isEmpty(b)) return a;
  if (isEmpty(a)) return b;
  const x0 = Math.min(a[0], b[0]);
  const y0 = Math.min(a[1], b[1]);
  return [x0, y0, Math.max(a[0] + a[2], b[0] + b[2]) - x0, Math.max(a[1] + a[3], b[1] + b[3]) - y0];
}

/** Whether the two boxes stay more than `gap` pixels apart. */
export function apart(a: PixelBox, b: PixelBox, gap: number): boolean {
  return (
    a[0] + a[2] + gap <= b[0] ||
    b[0] + b[2] + gap <= a[0] ||
    a[1] + a[3] + gap <= b[1] ||
    b[1] + b[3] + gap <= a[1]
  );
}

/**
 * Where a lane filled from `x` to x + `from` and then to x + `to` changed: only the columns between the two
 * ends. An antialiased rectangle's pixel is covered by how much of it the rectangle overlaps, so a column
 * both fills cover whole looks the same in both.
 */
export function laneChange(lane: Box, from: number, to: number, rect: PixelBox): PixelBox {
  if (from === to) return EMPTY_BOX;
  const [x, y, , h] = lane;
  return within([x + Math.min(from, to), y, Math.abs(to - from), h], rect);
}

/** A right-aligned text as drawn: its string, its advance (where it starts) and its ink box. */
export interface DrawnText {
  text: string;
  width: number;
  box: Box;
}

/**
 * Where a right-aligned text changed from `before` to `now`, drawn at `anchor` (its right end, its baseline).
 * With the same length and advance it starts at the same x, so the glyphs before the first different character
 * sit where they sat; and the glyphs after the last different one end at the right edge in both (kerning moves
 * the glyph before a pair, never the one after it). Only the changed run between is new: from the ink of the
 * suffix it starts (measured alone, that suffix ends where the text ends) to the ink of the run measured alone,
 * set where the suffix starts. Otherwise the whole of both.
 */
export function textChange(
  before: DrawnText | undefined,
  now: DrawnText,
  measure: (part: string) => InkMetrics,
  [x, y]: readonly [number, number],
  rect: PixelBox,
): PixelBox {
  const whole = hull(within(now.box, rect), before && within(before.box, rect));
  if (!before || before.text.length !== now.text.length || before.width !== now.width) return whole;
  const length = now.text.length;
  let first = 0;
  while (first < length && now.text[first] === before.text[first]) first++;
  if (first === length) return EMPTY_BOX;
  let end = length;
  while (end > first && now.text[end - 1] === before.text[end - 1]) end--;
  const runInk = (text: string): PixelBox => {
    const suffix = measure(text.slice(first));
    const run = measure(text.slice(first, end));
    const left = x - suffix.actualBoundingBoxLeft;
    const right = x - suffix.width + run.width + run.actualBoundingBoxRight;
    const height = run.actualBoundingBoxAscent + run.actualBoundingBoxDescent;
    return within([left, y - run.actualBoundingBoxAscent, right - left, height], rect);
  };
  return hull(runInk(now.text), runInk(before.text));
}
