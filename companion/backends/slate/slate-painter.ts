// Draws slate frames: a static card (label, shot, scene, description) plus per-frame motion and burn-ins.
import { createCanvas, GlobalFonts, type Canvas, type Image, type SKRSContext2D } from '@napi-rs/canvas';
import { dirname, join } from 'node:path';
import type { FrameRate } from '../../../shared/protocol';
import { formatTimecode } from '../../../shared/timecode';
import { wrapText } from './wrap-text';
import { rgbaToYuv420, yuv420Bytes } from '../../media/yuv420';

const FONT_FAMILY = 'ShotlineSlate';
let fontRegistered = false;
const MIN_FONT_PX = 8;
/** The frame counter's size at 1280x720; the other moving text is larger. */
const SMALLEST_MOVING_TEXT_PX = 22;

/** Noto Sans Hans (OFL) covers Latin and Chinese, so one face renders both scripts. */
function ensureFont(): void {
  if (fontRegistered) return;
  const dir = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
  for (const weight of ['Regular', 'Bold']) {
    if (!GlobalFonts.registerFromPath(join(dir, `NotoSansHans-${weight}.otf`), FONT_FAMILY)) {
      throw new Error(`could not load the slate font NotoSansHans-${weight}.otf from ${dir}`);
    }
  }
  fontRegistered = true;
}

export interface SlateCard {
  width: number;
  height: number;
  fps: FrameRate;
  frames: number;
  shotId: string;
  take: number;
  sceneHeading?: string;
  description: string;
  seed: number;
  label: string;
  /** The shot starts on this image, fading into the slate; already at the slate's size. */
  startImage?: Image;
  /** The shot ends on this image, fading in from the slate. */
  endImage?: Image;
}

/**
 * How strongly frame `index` of `frames` shows the start and end images: 1 on the first (last) frame, falling
 * to 0 over half a second (a third of a short clip), so the cut into and out of the shot is seamless.
 */
export function imageWeights(
  index: number,
  frames: number,
  fadeFrames: number,
): { start: number; end: number } {
  const ramp = (distance: number) => Math.max(0, 1 - distance / fadeFrames);
  return { start: ramp(index), end: ramp(frames - 1 - index) };
}

const unitOf = (size: { width: number; height: number }) => Math.min(size.width / 1280, size.height / 720);

/**
 * Whether each frame's pixels depend on its index alone, so frames may be drawn in any order by any painter.
 * Below ~450 px wide the smallest text stops shrinking (8 px floor) and outgrows its rectangle, leaving
 * traces of earlier frames: such tiny frames are read whole and drawn in order, as they always were.
 */
export function framesStandAlone(size: { width: number; height: number }): boolean {
  return Math.round(SMALLEST_MOVING_TEXT_PX * unitOf(size)) >= MIN_FONT_PX;
}

type Box = readonly [number, number, number, number];
type PixelBox = [number, number, number, number];

/** Antialiased edges and glyph hinting reach this far past a shape's geometry. */
const BLEED_PX = 2;
/** Which restore rectangle (dirtyRects) each moving part lies in: lane, hand, then both texts. */
const PART_RECT = [0, 1, 2, 2] as const;

/** A text's ink box from its metrics, drawn right-aligned at (x, y) on the alphabetic baseline. */
function textBox(m: TextMetrics, x: number, y: number): Box {
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
function sectorBox(cx: number, cy: number, r: number, end: number): Box {
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
function within([x, y, w, h]: Box, rect: PixelBox): PixelBox {
  const [rx, ry, rw, rh] = rect;
  const x0 = Math.max(rx, Math.floor(x) - BLEED_PX);
  const y0 = Math.max(ry, Math.floor(y) - BLEED_PX);
  const x1 = Math.min(rx + rw, Math.ceil(x + w) + BLEED_PX);
  const y1 = Math.min(ry + rh, Math.ceil(y + h) + BLEED_PX);
  return [x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0)];
}

/** The smallest box holding both; an empty or absent one adds nothing. */
function hull(a: PixelBox, b: PixelBox | undefined): PixelBox {
  const empty = (box: PixelBox) => box[2] <= 0 || box[3] <= 0;
  if (!b || empty(b)) return a;
  if (empty(a)) return b;
  const x0 = Math.min(a[0], b[0]);
  const y0 = Math.min(a[1], b[1]);
  return [x0, y0, Math.max(a[0] + a[2], b[0] + b[2]) - x0, Math.max(a[1] + a[3], b[1] + b[3]) - y0];
}

export class SlatePainter {
  private readonly canvas: Canvas;
  private readonly ctx: SKRSContext2D;
  private readonly card: Canvas;
  private readonly unit: number;
  private readonly hue: number;
  private readonly rects: PixelBox[];
  /** The clip's current frame as RGBA: the card with the moving rectangles of the last frame drawn. */
  private frame: Uint8Array | undefined;
  /** The card converted to yuv420p once: each yuv420p frame starts from it. */
  private cardYuv: Uint8Array | undefined;
  /** Boxes the last frame drew its moving parts in (lane, hand, timecode, counter), unclipped. */
  private drawn: Box[] = [];
  /** Where the kept frame differs from the card, part by part, in whole pixels. */
  private held: PixelBox[] = [];

  constructor(private readonly spec: SlateCard) {
    ensureFont();
    this.unit = unitOf(spec);
    // The seed tints the card so takes of one shot are told apart at a glance.
    this.hue = spec.seed % 360;
    this.canvas = createCanvas(spec.width, spec.height);
    this.ctx = this.canvas.getContext('2d');
    this.card = this.paintCard();
    this.rects = this.dirtyRects();
  }

  private font(px: number, bold = false): string {
    return `${bold ? 'bold ' : ''}${Math.max(MIN_FONT_PX, Math.round(px * this.unit))}px ${FONT_FAMILY}`;
  }

  private paintCard(): Canvas {
    const { width: w, height: h } = this.spec;
    const u = this.unit;
    const card = createCanvas(w, h);
    const ctx = card.getContext('2d');
    const gradient = ctx.createLinearGradient(0, 0, w, h);
    gradient.addColorStop(0, `hsl(${this.hue}, 35%, 14%)`);
    gradient.addColorStop(1, `hsl(${(this.hue + 40) % 360}, 30%, 6%)`);
    ctx.fillStyle = gradient;
    ctx.fillRect(0, 0, w, h);

    this.paintLabel(ctx);

    ctx.textBaseline = 'alphabetic';
    ctx.fillStyle = '#ffffff';
    ctx.font = this.font(64, true);
    ctx.fillText(`${this.spec.shotId}   TAKE ${this.spec.take}`, 40 * u, 150 * u);
    if (this.spec.sceneHeading) {
      ctx.fillStyle = `hsl(${this.hue}, 70%, 75%)`;
      ctx.font = this.font(30, true);
      const heading = wrapText(this.spec.sceneHeading, w - 80 * u, 1, (s) => ctx.measureText(s).width);
      ctx.fillText(heading[0] ?? '', 40 * u, 200 * u);
    }
    ctx.fillStyle = '#e8e8e8';
    ctx.font = this.font(30);
    const lineHeight = 44 * u;
    // Leave the right-hand column to the turning hand.
    const lines = wrapText(this.spec.description, w - 330 * u, 6, (s) => ctx.measureText(s).width);
    lines.forEach((line, i) => ctx.fillText(line, 40 * u, 260 * u + i * lineHeight));

    ctx.fillStyle = 'rgba(255,255,255,0.55)';
    ctx.font = this.font(22);
    const fps = (this.spec.fps.num / this.spec.fps.den).toFixed(3).replace(/\.?0+$/, '');
    ctx.fillText(
      `seed ${this.spec.seed}  ·  ${w}×${h}  ·  ${fps} fps  ·  ${this.spec.frames} frames`,
      40 * u,
      h - 90 * u,
    );
    // The still parts of the moving pieces, drawn once: each frame then draws only what moves over them.
    ctx.fillStyle = 'rgba(255,255,255,0.12)';
    ctx.fillRect(40 * u, h - 60 * u, w - 80 * u, 14 * u);
    ctx.strokeStyle = 'rgba(255,255,255,0.35)';
    ctx.lineWidth = 4 * u;
    ctx.beginPath();
    ctx.arc(w - 150 * u, 260 * u, 80 * u, 0, Math.PI * 2);
    ctx.stroke();
    return card;
  }

  /** The draft label is the most important thing on the frame: nobody may mistake this for footage. */
  private paintLabel(ctx: SKRSContext2D): void {
    const w = this.spec.width;
    const u = this.unit;
    ctx.fillStyle = '#d7263d';
    ctx.fillRect(0, 0, w, 64 * u);
    ctx.fillStyle = '#ffffff';
    ctx.font = this.font(34, true);
    ctx.textBaseline = 'middle';
    ctx.fillText(this.spec.label, 28 * u, 32 * u);
    ctx.textAlign = 'right';
    ctx.font = this.font(24);
    ctx.fillText('SHOTLINE · SLATE', w - 28 * u, 32 * u);
    ctx.textAlign = 'left';
    ctx.textBaseline = 'alphabetic';
  }

  /** Lays the conditioning images over the frame by their weights; the label stays on top of them. */
  private paintImages(index: number): boolean {
    const { startImage, endImage, frames, width: w, height: h } = this.spec;
    if (!startImage && !endImage) return false;
    const fade = Math.max(
      1,
      Math.min(Math.round(this.spec.fps.num / this.spec.fps.den / 2), Math.floor(frames / 3)),
    );
    const weights = imageWeights(index, frames, fade);
    let drawn = false;
    for (const [image, weight] of [
      [startImage, weights.start],
      [endImage, weights.end],
    ] as const) {
      if (!image || weight <= 0) continue;
      this.ctx.globalAlpha = weight;
      this.ctx.drawImage(image, 0, 0, w, h);
      drawn = true;
    }
    this.ctx.globalAlpha = 1;
    if (!drawn) return false;
    this.paintLabel(this.ctx);
    // The image covered more than the moving parts: the next frame starts from the whole card again.
    this.cardDrawn = false;
    return true;
  }

  private cardDrawn = false;

  /**
   * The rectangles the moving parts are drawn in, as whole pixels inside the frame. Outside them every frame
   * is the card, so only these are put back from the card before drawing (a cheap blit); what is read back
   * is smaller still (framePixels).
   */
  private dirtyRects(): PixelBox[] {
    const { width: w, height: h } = this.spec;
    const u = this.unit;
    const r = 80 * u;
    const rects = [
      [40 * u - 2, h - 60 * u - 2, w - 80 * u + 4, 14 * u + 4], // progress lane
      [w - 150 * u - r - 6 * u, 260 * u - r - 6 * u, 2 * r + 12 * u, 2 * r + 12 * u], // turning hand
      [w - 460 * u, h - 175 * u, 460 * u, 100 * u], // frame counter and timecode
    ];
    return rects.map(([x, y, rw, rh]) => {
      const sx = Math.max(0, Math.floor(x!));
      const sy = Math.max(0, Math.floor(y!));
      return [sx, sy, Math.min(w - sx, Math.ceil(rw!) + 1), Math.min(h - sy, Math.ceil(rh!) + 1)];
    });
  }

  /**
   * Puts the static card back under the parts that move. Repainting only those rectangles instead of the
   * whole frame is most of the slate's speed: the card never changes.
   */
  private restoreCard(): void {
    if (!this.cardDrawn) {
      this.ctx.drawImage(this.card, 0, 0);
      this.cardDrawn = true;
      return;
    }
    for (const [sx, sy, sw, sh] of this.rects) this.ctx.drawImage(this.card, sx, sy, sw, sh, sx, sy, sw, sh);
  }

  /**
   * Reading the whole canvas back costs far more than drawing (Skia flushes and copies every pixel): the
   * card's pixels are read once into a frame kept for the clip, and each frame reads back into it only the
   * boxes its moving parts drew in, grown to cover what the last frame drew there (put back to card now).
   * Outside those boxes the kept frame is always the card.
   */
  private framePixels(): Uint8Array {
    const { width: w } = this.spec;
    this.frame ??= new Uint8Array(this.card.data());
    const drawn = this.drawn.map((box, part) => within(box, this.rects[PART_RECT[part]!]!));
    for (const [part, box] of drawn.entries()) {
      // What this frame drew, and what the kept frame still holds of the last one (now card again).
      const [sx, sy, sw, sh] = hull(box, this.held[part]);
      if (sw <= 0 || sh <= 0) continue;
      // Straight alpha from getImageData equals the premultiplied store: every slate pixel is opaque.
      const patch = this.ctx.getImageData(sx, sy, sw, sh).data;
      for (let row = 0; row < sh; row++) {
        this.frame.set(patch.subarray(row * sw * 4, (row + 1) * sw * 4), ((sy + row) * w + sx) * 4);
      }
    }
    this.held = drawn;
    return this.frame;
  }

  /** The whole canvas as drawn, read back the slow way: tests hold the per-rectangle readback to it. */
  snapshot(): Uint8Array {
    return new Uint8Array(this.canvas.data());
  }

  /** Renders frame `index` and returns its RGBA pixels in a buffer of its own (the caller may keep or move it). */
  render(index: number): Uint8Array {
    if (!this.draw(index)) return this.snapshot();
    return this.framePixels().slice();
  }

  /**
   * Renders frame `index` as yuv420p into `out` (yuv420Bytes long, its old contents ignored) and returns it.
   * Only the moving rectangles are converted; the rest is the card's conversion, made once per clip.
   */
  renderYuv420(index: number, out: Uint8Array): Uint8Array {
    const { width: w, height: h } = this.spec;
    if (!this.draw(index)) {
      rgbaToYuv420(this.snapshot(), w, h, out);
      return out;
    }
    const frame = this.framePixels();
    if (!this.cardYuv) {
      this.cardYuv = new Uint8Array(yuv420Bytes(w, h));
      rgbaToYuv420(new Uint8Array(this.card.data()), w, h, this.cardYuv);
    }
    out.set(this.cardYuv);
    // The kept frame differs from the card only where this frame drew.
    for (const rect of this.held) if (rect[2] > 0 && rect[3] > 0) rgbaToYuv420(frame, w, h, out, rect);
    return out;
  }

  /**
   * Draws frame `index` on the canvas. True when only the moving rectangles differ from the card, so they
   * alone need reading back; false when the whole canvas must be (tiny frames, conditioning images).
   */
  private draw(index: number): boolean {
    const { width: w, height: h, frames } = this.spec;
    const u = this.unit;
    const ctx = this.ctx;
    this.restoreCard();

    // Motion: a sweep crosses the bottom lane once per clip and a hand turns once per second.
    const t = frames > 1 ? index / (frames - 1) : 0;
    const laneX = 40 * u;
    const laneY = h - 60 * u;
    const sweep = (w - 80 * u) * t;
    ctx.fillStyle = `hsl(${this.hue}, 85%, 60%)`;
    ctx.fillRect(laneX, laneY, sweep, 14 * u);

    const perSecond = this.spec.fps.num / this.spec.fps.den;
    const angle = ((index % perSecond) / perSecond) * Math.PI * 2 - Math.PI / 2;
    const cx = w - 150 * u;
    const cy = 260 * u;
    const r = 80 * u;
    ctx.fillStyle = `hsla(${this.hue}, 85%, 60%, 0.6)`;
    ctx.beginPath();
    ctx.moveTo(cx, cy);
    ctx.arc(cx, cy, r, -Math.PI / 2, angle);
    ctx.closePath();
    ctx.fill();

    ctx.fillStyle = '#ffffff';
    ctx.font = this.font(34, true);
    ctx.textAlign = 'right';
    const right = w - 40 * u;
    const timecode = formatTimecode(index, this.spec.fps);
    ctx.fillText(timecode, right, h - 90 * u);
    const timecodeBox = textBox(ctx.measureText(timecode), right, h - 90 * u);
    ctx.font = this.font(SMALLEST_MOVING_TEXT_PX);
    const digits = String(frames).length;
    const counter = `FRAME ${String(index + 1).padStart(digits, '0')} / ${frames}`;
    ctx.fillText(counter, right, h - 135 * u);
    const counterBox = textBox(ctx.measureText(counter), right, h - 135 * u);
    ctx.textAlign = 'left';
    this.drawn = [[laneX, laneY, sweep, 14 * u], sectorBox(cx, cy, r, angle), timecodeBox, counterBox];
    // A frame under a conditioning image differs from the card everywhere: it is read back whole.
    if (this.paintImages(index)) return false;
    return framesStandAlone(this.spec);
  }
}
