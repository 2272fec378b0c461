// Draws slate frames: the static card (slate-card.ts) plus per-frame motion and burn-ins.
import { createCanvas, type Canvas, type Image, type SKRSContext2D } from '@napi-rs/canvas';
import { formatTimecode } from '../../../shared/timecode';
import { framePlanes, type FramePlanes } from '../../media/frame-planes';
import { rgbaToYuv420, yuv420Bytes } from '../../media/yuv420';
import {
  apart,
  EMPTY_BOX,
  hull,
  isEmpty,
  laneChange,
  sectorBox,
  textBox,
  textChange,
  within,
  type Box,
  type DrawnText,
  type InkMetrics,
  type PixelBox,
} from './slate-boxes';
import { RectTiles } from './slate-tiles';
import { SparePool } from '../../util/spare-pool';
import { MIN_FONT_PX, paintCard, paintLabel, slateFont, unitOf, type SlateCard } from './slate-card';

export type { SlateCard } from './slate-card';

/** The frame counter's size at 1280x720; the other moving text is larger. */
const SMALLEST_MOVING_TEXT_PX = 22;

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

/**
 * Whether each frame's pixels depend on its index alone, so frames may be drawn in any order by any painter.
 * Below ~450 px wide the smallest text stops shrinking (8 px floor) and outgrows its rectangle, leaving
 * traces of earlier frames: such tiny frames are read whole and drawn in order, as they always were.
 */
export function framesStandAlone(size: { width: number; height: number }): boolean {
  return Math.round(SMALLEST_MOVING_TEXT_PX * unitOf(size)) >= MIN_FONT_PX;
}

/**
 * The rectangles the moving parts of a card this size are drawn in (lane, hand, then both texts), as whole
 * pixels inside the frame. Outside them every frame is the card, so only these are put back from the card
 * before drawing (a cheap blit); what is read back is smaller still (framePixels), and the encoder may send
 * only these (RawFrameSource.stillOutside).
 */
export function movingRects(size: { width: number; height: number }): PixelBox[] {
  const { width: w, height: h } = size;
  const u = unitOf(size);
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

/** Which restore rectangle (movingRects) each moving part lies in: lane, hand, then both texts. */
const PART_RECT = [0, 1, 2, 2] as const;

/** Cards and hand tiles of finished clips (release), for the next clip of their size. */
const spareCards = new SparePool<Canvas>();
const spareTiles = new SparePool<RectTiles>();

/** Lets go of the spare cards and tiles (the backend is going). */
export function releaseSpareSurfaces(): void {
  spareCards.clear();
  spareTiles.clear();
}

/** Texts measured per painter at most: a clip's strings and their changing tails, a few per frame. */
const MAX_MEASURED = 4096;

/** A right-aligned text as drawn, with the font and the baseline it was drawn with. */
type PlacedText = DrawnText & { font: string; y: number };

/** What a frame drew, part by part: where the next frame may differ from it follows from this. */
interface DrawnParts {
  sweep: number;
  angle: number;
  texts: [PlacedText, PlacedText];
  /** Boxes the moving parts drew in (lane, hand, timecode, counter), unclipped. */
  boxes: Box[];
  /** Where this frame differs from the last one read back (`kept`), part by part, in whole pixels. */
  changed: PixelBox[];
}

export class SlatePainter {
  /** The whole frame's canvas, made only when a frame is drawn whole (snapshot): 3.7 MB at 720p. */
  private frameCtx: SKRSContext2D | undefined;
  private readonly card: Canvas;
  private readonly unit: number;
  private readonly hue: number;
  private readonly rects: PixelBox[];
  /**
   * The kept frame (the card with the moving parts of the last frame read back drawn) as RGBA, and its
   * yuv420p, side by side in the converter's memory: taken at the first frame, given back with release.
   */
  private planes: FramePlanes | undefined;
  /** The kept frame's RGBA as 32-bit pixels, for copying patches in. */
  private frame32: Uint32Array | undefined;
  /** Whether `planes.yuv` is the kept frame's (RGBA frames asked for in between leave it behind). */
  private yuvCurrent = false;
  /** A whole frame's yuv420p (tiny frames, conditioning images), kept apart from the kept frame's. */
  private wholeYuv: Uint8Array | undefined;
  /** The kept frame's RGBA still has the hand of an earlier frame: its yuv420p came from a tile. */
  private handRgbaBehind = false;
  /** RGBA frames are asked for (render): the kept RGBA must be whole after every frame. */
  private rgbaWanted = false;
  /** What the kept frame shows; absent while it is the bare card. */
  private kept: DrawnParts | undefined;
  /** What the canvas shows now, drawn by draw(). */
  private drawing: DrawnParts | undefined;
  /**
   * The hand is drawn on a canvas of its own, the hand's layer. A path's curves are flattened in device space,
   * where a shift changes float rounding (about one frame in three differs in a few edge pixels), so the
   * layer's origin is part of how the hand looks: every frame, however it is made, takes the hand from this
   * canvas. Where the hand's rectangle meets no other part's, the layer is just that rectangle and a whole
   * frame copies it in (snapshot); Skia copies a canvas's whole surface when it is read after a draw, so the
   * small layer saves a megabyte or two of fresh memory for each of the hand's first turns. Elsewhere it keeps
   * the frame's origin and the hand is painted on a whole frame directly.
   */
  private readonly handCanvas: SKRSContext2D;
  /** The frame pixel at the hand layer's (0, 0): the hand rectangle's corner, or the frame's own origin. */
  private readonly handOrigin: readonly [number, number];
  /** One measuring context per font (see measurerFor). */
  private readonly measurers = new Map<string, SKRSContext2D>();
  /** Metrics by font and text: the changing runs of the counter and timecode come round again and again. */
  private readonly measured = new Map<string, InkMetrics>();
  /**
   * Small canvases the lane and the texts are drawn on, each over the card in just the box that changed,
   * shifted by whole pixels (rectangles and glyphs land on the same pixels): by slot (windowOn).
   */
  private readonly windows: { ctx: SKRSContext2D; width: number; height: number }[] = [];
  /** The hand's rectangle for each angle it took, where it comes round again each second (see handTiles). */
  private readonly handTiles: RectTiles | undefined;

  constructor(private readonly spec: SlateCard) {
    this.unit = unitOf(spec);
    // The seed tints the card so takes of one shot are told apart at a glance.
    this.hue = spec.seed % 360;
    this.card = paintCard(
      spec,
      this.unit,
      this.hue,
      spareCards.take(this.sizeKey, () => createCanvas(spec.width, spec.height)),
    );
    this.rects = movingRects(spec);
    const handRect = this.rects[PART_RECT[1]]!;
    const [hx, hy, hw, hh] = handRect;
    const layered = this.rects.every((rect) => rect === handRect || apart(rect, handRect, 0));
    this.handOrigin = layered ? [hx, hy] : [0, 0];
    const [ox, oy] = this.handOrigin;
    this.handCanvas = createCanvas(Math.max(1, hx + hw - ox), Math.max(1, hy + hh - oy)).getContext('2d');
    this.handCanvas.setTransform(1, 0, 0, 1, -ox, -oy);
    this.handTiles = this.handTilesFor();
  }

  /**
   * At a whole number of frames a second the hand takes the same angles every second: each is read back and
   * converted once, then copied. Its yuv420p samples are its own only while no other moving part comes
   * within the chroma filter's reach (two pixels); frames whose parts crowd together are drawn as before.
   */
  private handTilesFor(): RectTiles | undefined {
    const { width: w, height: h, fps } = this.spec;
    const hand = this.rects[PART_RECT[1]]!;
    const alone = this.rects.every((rect) => rect === hand || apart(rect, hand, 4));
    if (!Number.isInteger(fps.num / fps.den) || !alone || !framesStandAlone(this.spec)) return undefined;
    return spareTiles.take(RectTiles.keyOf(w, h, hand), () => new RectTiles(w, h, hand));
  }

  private released = false;

  /** The pools' key for this painter's frame size. */
  private get sizeKey(): string {
    return `${this.spec.width}x${this.spec.height}`;
  }

  /**
   * Gives the card's canvas and the hand's tiles to the next painter of this size; this one draws nothing
   * more. A painter never released is simply collected.
   */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.planes?.release();
    this.planes = undefined;
    this.frame32 = undefined;
    // A canvas that drew from the card holds on to its pixels until reset: the next clip painting the card
    // would then have Skia copy all of them first (a fresh 3.7 MB at 720p, ~15 ms of page faults).
    for (const win of this.windows) win?.ctx.reset();
    this.handCanvas.reset();
    this.frameCtx?.reset();
    spareCards.give(this.sizeKey, this.card);
    if (this.handTiles) {
      this.handTiles.clear();
      spareTiles.give(
        RectTiles.keyOf(this.spec.width, this.spec.height, this.handTiles.rect),
        this.handTiles,
      );
    }
  }

  private assertUsable(): void {
    if (this.released) throw new Error('slate: this painter was released; its canvases are another clip’s');
  }

  private font(px: number, bold = false): string {
    return slateFont(this.unit, px, bold);
  }

  /** The conditioning images frame `index` shows, with their weights. */
  private imagesAt(index: number): [Image, number][] {
    const { startImage, endImage, frames } = this.spec;
    if (!startImage && !endImage) return [];
    const fade = Math.max(
      1,
      Math.min(Math.round(this.spec.fps.num / this.spec.fps.den / 2), Math.floor(frames / 3)),
    );
    const weights = imageWeights(index, frames, fade);
    return (
      [
        [startImage, weights.start],
        [endImage, weights.end],
      ] as const
    ).flatMap(([image, weight]): [Image, number][] => (image && weight > 0 ? [[image, weight]] : []));
  }

  /** Lays the conditioning images over the frame by their weights; the label stays on top of them. */
  private paintImages(index: number): void {
    const { width: w, height: h } = this.spec;
    const images = this.imagesAt(index);
    if (!images.length) return;
    const ctx = this.wholeFrame();
    for (const [image, weight] of images) {
      ctx.globalAlpha = weight;
      ctx.drawImage(image, 0, 0, w, h);
    }
    ctx.globalAlpha = 1;
    paintLabel(ctx, this.spec, this.unit);
    // The image covered more than the moving parts: the next frame starts from the whole card again.
    this.cardDrawn = false;
  }

  private cardDrawn = false;

  /**
   * Puts the static card back under the parts that move. Repainting only those rectangles instead of the
   * whole frame is most of the slate's speed: the card never changes.
   */
  private restoreCard(): void {
    const ctx = this.wholeFrame();
    if (!this.cardDrawn) {
      ctx.drawImage(this.card, 0, 0);
      this.cardDrawn = true;
      return;
    }
    for (const [sx, sy, sw, sh] of this.rects) ctx.drawImage(this.card, sx, sy, sw, sh, sx, sy, sw, sh);
  }

  private wholeFrame(): SKRSContext2D {
    return (this.frameCtx ??= createCanvas(this.spec.width, this.spec.height).getContext('2d'));
  }

  /** The hand of `drawing` over the card, on the hand's layer. */
  private drawHand(drawing: DrawnParts): SKRSContext2D {
    const [sx, sy, sw, sh] = this.rects[PART_RECT[1]]!;
    this.handCanvas.drawImage(this.card, sx, sy, sw, sh, sx, sy, sw, sh);
    return this.paintHand(this.handCanvas, drawing);
  }

  /**
   * Reading the whole canvas back costs far more than drawing (Skia flushes and copies every pixel): the
   * card's pixels are read once into a frame kept for the clip, and each frame reads back into it only where
   * it differs from the frame kept before it (slate-boxes.ts says where that is). Returns those boxes.
   */
  private framePixels(): PixelBox[] {
    const drawing = this.drawing!;
    // Straight alpha from getImageData equals the premultiplied store: every slate pixel is opaque.
    this.keptFrame();
    if (this.handRgbaBehind && (this.rgbaWanted || !isEmpty(drawing.changed[1]!))) {
      // The kept RGBA still shows the hand of a frame before the copied tiles: this frame's is read whole.
      drawing.changed[1] = [...this.rects[PART_RECT[1]]!];
      this.handRgbaBehind = false;
    }
    const [lane, hand, timecode, counter] = drawing.changed as [PixelBox, PixelBox, PixelBox, PixelBox];
    if (!isEmpty(lane)) this.read(this.paintLane(this.windowOn(0, lane), drawing), lane, lane);
    if (!isEmpty(hand)) this.read(this.drawHand(drawing), hand, this.handOrigin);
    // The two texts share a rectangle: boxes that come near each other are read as one.
    const texts = apart(timecode, counter, 0) ? [timecode, counter] : [hull(timecode, counter)];
    texts.forEach((box, slot) => {
      if (!isEmpty(box)) this.read(this.paintTexts(this.windowOn(2 + slot, box), drawing, box), box, box);
    });
    this.kept = drawing;
    return drawing.changed.filter((box) => !isEmpty(box));
  }

  /**
   * The kept frame's RGBA, the card's pixels at first: read once per clip (getImageData is several times
   * quicker than data()).
   */
  private keptFrame(): Uint8Array {
    if (this.planes) return this.planes.rgba;
    const { width: w, height: h } = this.spec;
    this.planes = framePlanes(w, h);
    this.planes.rgba.set(this.card.getContext('2d').getImageData(0, 0, w, h).data);
    this.frame32 = new Uint32Array(this.planes.rgba.buffer, this.planes.rgba.byteOffset, w * h);
    this.yuvCurrent = false;
    return this.planes.rgba;
  }

  /** Copies `box` of the frame from `ctx`, whose pixel (0, 0) is the frame's `origin`, into the kept frame. */
  private read(ctx: SKRSContext2D, [sx, sy, sw, sh]: PixelBox, origin: readonly number[]): void {
    const w = this.spec.width;
    const patch = ctx.getImageData(sx - origin[0]!, sy - origin[1]!, sw, sh).data;
    // Pixel by pixel: a view per row (a few thousand a clip) made most of the painter's garbage.
    const from = new Uint32Array(patch.buffer, patch.byteOffset, sw * sh);
    const to = this.frame32!;
    for (let row = 0, k = 0; row < sh; row++) {
      const end = k + sw;
      for (let at = (sy + row) * w + sx; k < end;) to[at++] = from[k++]!;
    }
  }

  /**
   * A small canvas showing the card in `box` (frame coordinates): one per slot (0 the lane, 2 and 3 the texts),
   * grown as boxes need.
   */
  private windowOn(slot: number, [x, y, w, h]: PixelBox): SKRSContext2D {
    let win = this.windows[slot];
    if (!win || win.width < w || win.height < h) {
      const width = Math.max(w, win?.width ?? 0);
      const height = Math.max(h, win?.height ?? 0);
      win = { ctx: createCanvas(width, height).getContext('2d'), width, height };
      this.windows[slot] = win;
    }
    win.ctx.setTransform(1, 0, 0, 1, -x, -y);
    win.ctx.drawImage(this.card, x, y, w, h, x, y, w, h);
    return win.ctx;
  }

  /**
   * Frame `index` drawn whole on the frame's canvas and read back whole, the slow way: frames with conditioning
   * images and tiny ones are made so, and tests hold the per-part drawing to it.
   */
  snapshot(index: number): Uint8Array {
    this.assertUsable();
    this.restoreCard();
    const drawing = this.motion(index);
    const ctx = this.paintLane(this.wholeFrame(), drawing);
    if (this.handOrigin[0] === 0 && this.handOrigin[1] === 0) this.paintHand(ctx, drawing);
    else {
      // Only card lies under the hand's rectangle here: the layer, card and all, is copied in as it is.
      const [hx, hy, hw, hh] = this.rects[PART_RECT[1]]!;
      ctx.drawImage(this.drawHand(drawing).canvas, 0, 0, hw, hh, hx, hy, hw, hh);
    }
    this.paintTexts(ctx, drawing);
    this.paintImages(index);
    const { width: w, height: h } = this.spec;
    return new Uint8Array(ctx.getImageData(0, 0, w, h).data.buffer);
  }

  /** Renders frame `index` and returns its RGBA pixels in a buffer of its own (the caller may keep or move it). */
  render(index: number): Uint8Array {
    this.assertUsable();
    if (!this.draw(index)) return this.snapshot(index);
    // The yuv420p is not brought along: it is made again from the RGBA if it is asked for.
    this.yuvCurrent = false;
    this.rgbaWanted = true;
    this.framePixels();
    return this.planes!.rgba.slice();
  }

  /**
   * Renders frame `index` as yuv420p into `out` (yuv420Bytes long, its old contents ignored) and returns it: a
   * buffer that goes elsewhere (to another thread) gets a copy of the painter's own.
   */
  renderYuv420(index: number, out: Uint8Array): Uint8Array {
    out.set(this.yuv420(index));
    return out;
  }

  /**
   * Frame `index` as yuv420p in the painter's own buffer, good until the next call: only where the frame
   * changed is converted (or copied from a tile) into the yuv420p of the kept frame, made once per clip.
   */
  yuv420(index: number): Uint8Array {
    this.assertUsable();
    const { width: w, height: h } = this.spec;
    if (!this.draw(index)) {
      // Not the kept frame's buffer: that one still holds the kept frame, which the next frame starts from.
      this.wholeYuv ??= new Uint8Array(yuv420Bytes(w, h));
      rgbaToYuv420(this.snapshot(index), w, h, this.wholeYuv);
      return this.wholeYuv;
    }
    const angle = this.drawing!.angle;
    // A hand already kept at this angle is copied in below, not read back.
    const tiled = this.yuvCurrent && this.handTiles?.has(angle) === true;
    if (tiled) this.drawing!.changed[1] = EMPTY_BOX;
    const changed = this.framePixels();
    const planes = this.planes!;
    if (!this.yuvCurrent) {
      planes.convert();
      this.yuvCurrent = true;
    } else {
      if (tiled) this.handTiles!.restoreYuv(angle, planes.yuv);
      for (const rect of changed) planes.convert(rect);
    }
    // The RGBA under a copied hand is brought up to date only when something reads it (framePixels).
    const handRead = !isEmpty(this.drawing!.changed[1]!);
    if (tiled && !handRead) this.handRgbaBehind = true;
    if (!tiled) this.handTiles?.save(angle, planes.yuv);
    return planes.yuv;
  }

  /**
   * Draws frame `index`'s moving parts on the part canvases, each over the card. False, drawing nothing, when
   * the frame must be drawn whole instead (tiny frames, conditioning images: see snapshot).
   */
  private draw(index: number): boolean {
    if (!framesStandAlone(this.spec) || this.imagesAt(index).length) return false;
    this.drawing = this.motion(index);
    return true;
  }

  /**
   * Where frame `index`'s moving parts go and where it differs from the kept frame; nothing is drawn (the
   * texts are measured on the frame's canvas, as they were drawn there).
   */
  private motion(index: number): DrawnParts {
    const { width: w, height: h, frames } = this.spec;
    const u = this.unit;
    // Motion: a sweep crosses the bottom lane once per clip and a hand turns once per second.
    const t = frames > 1 ? index / (frames - 1) : 0;
    const sweep = (w - 80 * u) * t;
    const perSecond = this.spec.fps.num / this.spec.fps.den;
    const angle = ((index % perSecond) / perSecond) * Math.PI * 2 - Math.PI / 2;
    const right = w - 40 * u;
    const digits = String(frames).length;
    const texts = (
      [
        [formatTimecode(index, this.spec.fps), this.font(34, true), h - 90 * u],
        [
          `FRAME ${String(index + 1).padStart(digits, '0')} / ${frames}`,
          this.font(SMALLEST_MOVING_TEXT_PX),
          h - 135 * u,
        ],
      ] as const
    ).map(([text, font, y], i): [PlacedText, PixelBox] => {
      const m = this.measure(font, text);
      const drawn = { text, width: m.width, box: textBox(m, right, y), font, y };
      const part = (text: string) => this.measure(font, text);
      const rect = this.rects[PART_RECT[2 + i]!]!;
      return [drawn, textChange(this.kept?.texts[i], drawn, part, [right, y], rect)];
    });
    const lane: Box = [40 * u, h - 60 * u, sweep, 14 * u];
    const hand = sectorBox(w - 150 * u, 260 * u, 80 * u, angle);
    const was = this.kept;
    const handRect = this.rects[PART_RECT[1]]!;
    return {
      sweep,
      angle,
      texts: [texts[0]![0], texts[1]![0]],
      boxes: [lane, hand, texts[0]![0].box, texts[1]![0].box],
      changed: [
        laneChange(lane, was?.sweep ?? 0, sweep, this.rects[PART_RECT[0]]!),
        // A slice is redrawn whole when it turns: its arc is flattened anew for each end angle.
        was?.angle === angle
          ? EMPTY_BOX
          : hull(within(hand, handRect), was && within(was.boxes[1]!, handRect)),
        texts[0]![1],
        texts[1]![1],
      ],
    };
  }

  /** `text` measured in `font`, right-aligned (each measureText is a native call and an object of a dozen fields). */
  private measure(font: string, text: string): InkMetrics {
    const key = `${font}\n${text}`;
    let metrics = this.measured.get(key);
    if (!metrics) {
      const m = this.measurerFor(font).measureText(text);
      metrics = {
        width: m.width,
        actualBoundingBoxLeft: m.actualBoundingBoxLeft,
        actualBoundingBoxRight: m.actualBoundingBoxRight,
        actualBoundingBoxAscent: m.actualBoundingBoxAscent,
        actualBoundingBoxDescent: m.actualBoundingBoxDescent,
      };
      if (this.measured.size >= MAX_MEASURED) this.measured.clear();
      this.measured.set(key, metrics);
    }
    return metrics;
  }

  /** A context set to `font`, right-aligned, that only measures: setting a font parses it, every time. */
  private measurerFor(font: string): SKRSContext2D {
    let ctx = this.measurers.get(font);
    if (!ctx) {
      ctx = createCanvas(1, 1).getContext('2d');
      ctx.font = font;
      ctx.textAlign = 'right';
      this.measurers.set(font, ctx);
    }
    return ctx;
  }

  private paintLane(ctx: SKRSContext2D, { boxes }: DrawnParts): SKRSContext2D {
    const [x, y, sweep, height] = boxes[0]!;
    ctx.fillStyle = `hsl(${this.hue}, 85%, 60%)`;
    ctx.fillRect(x, y, sweep, height);
    return ctx;
  }

  private paintHand(ctx: SKRSContext2D, { angle }: DrawnParts): SKRSContext2D {
    const { width: w } = this.spec;
    const u = this.unit;
    const [cx, cy, r] = [w - 150 * u, 260 * u, 80 * u];
    ctx.fillStyle = `hsla(${this.hue}, 85%, 60%, 0.6)`;
    ctx.beginPath();
    ctx.moveTo(cx, cy);
    ctx.arc(cx, cy, r, -Math.PI / 2, angle);
    ctx.closePath();
    ctx.fill();
    return ctx;
  }

  /**
   * The timecode, then the frame counter, right-aligned; with `box`, only those whose ink (and its bleed)
   * reaches it.
   */
  private paintTexts(ctx: SKRSContext2D, { texts }: DrawnParts, box?: PixelBox): SKRSContext2D {
    const right = this.spec.width - 40 * this.unit;
    const rect = this.rects[PART_RECT[2]]!;
    ctx.fillStyle = '#ffffff';
    ctx.textAlign = 'right';
    for (const { text, font, y, box: ink } of texts) {
      if (box && apart(within(ink, rect), box, 0)) continue;
      ctx.font = font;
      ctx.fillText(text, right, y);
    }
    ctx.textAlign = 'left';
    return ctx;
  }
}
