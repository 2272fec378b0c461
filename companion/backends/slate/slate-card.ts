// The slate's static card (gradient, draft label, shot, scene, description, the still parts of the moving
// pieces) and its font: drawn once per clip, every frame starts from it.
import { createCanvas, GlobalFonts, type Canvas, type Image, type SKRSContext2D } from '@napi-rs/canvas';
import { dirname, join } from 'node:path';
import type { FrameRate } from '../../../shared/protocol';
import { wrapText } from './wrap-text';

const FONT_FAMILY = 'ShotlineSlate';
let fontRegistered = false;
export const MIN_FONT_PX = 8;

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

/** A font of `px` pixels at 1280x720, scaled by the frame's `unit`, never under MIN_FONT_PX. */
export function slateFont(unit: number, px: number, bold = false): string {
  return `${bold ? 'bold ' : ''}${Math.max(MIN_FONT_PX, Math.round(px * unit))}px ${FONT_FAMILY}`;
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

export const unitOf = (size: { width: number; height: number }) =>
  Math.min(size.width / 1280, size.height / 720);

/**
 * The static card every frame starts from: tinted by the seed, labelled, with the shot's text. Painted on
 * `card` (the frame's size) when one is given: a canvas of an earlier clip, wholly painted over.
 */
export function paintCard(spec: SlateCard, u: number, hue: number, card?: Canvas): Canvas {
  ensureFont();
  const { width: w, height: h } = spec;
  card ??= createCanvas(w, h);
  const ctx = card.getContext('2d');
  // An earlier clip's state (font, alignment, transform) and pixels are not this one's.
  ctx.reset();
  const gradient = ctx.createLinearGradient(0, 0, w, h);
  gradient.addColorStop(0, `hsl(${hue}, 35%, 14%)`);
  gradient.addColorStop(1, `hsl(${(hue + 40) % 360}, 30%, 6%)`);
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, w, h);

  paintLabel(ctx, spec, u);

  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = '#ffffff';
  ctx.font = slateFont(u, 64, true);
  ctx.fillText(`${spec.shotId}   TAKE ${spec.take}`, 40 * u, 150 * u);
  if (spec.sceneHeading) {
    ctx.fillStyle = `hsl(${hue}, 70%, 75%)`;
    ctx.font = slateFont(u, 30, true);
    const heading = wrapText(spec.sceneHeading, w - 80 * u, 1, (s) => ctx.measureText(s).width);
    ctx.fillText(heading[0] ?? '', 40 * u, 200 * u);
  }
  ctx.fillStyle = '#e8e8e8';
  ctx.font = slateFont(u, 30);
  const lineHeight = 44 * u;
  // Leave the right-hand column to the turning hand.
  const lines = wrapText(spec.description, w - 330 * u, 6, (s) => ctx.measureText(s).width);
  lines.forEach((line, i) => ctx.fillText(line, 40 * u, 260 * u + i * lineHeight));

  ctx.fillStyle = 'rgba(255,255,255,0.55)';
  ctx.font = slateFont(u, 22);
  const fps = (spec.fps.num / spec.fps.den).toFixed(3).replace(/\.?0+$/, '');
  ctx.fillText(
    `seed ${spec.seed}  ·  ${w}×${h}  ·  ${fps} fps  ·  ${spec.frames} frames`,
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
export function paintLabel(ctx: SKRSContext2D, spec: SlateCard, u: number): void {
  const w = spec.width;
  ctx.fillStyle = '#d7263d';
  ctx.fillRect(0, 0, w, 64 * u);
  ctx.fillStyle = '#ffffff';
  ctx.font = slateFont(u, 34, true);
  ctx.textBaseline = 'middle';
  ctx.fillText(spec.label, 28 * u, 32 * u);
  ctx.textAlign = 'right';
  ctx.font = slateFont(u, 24);
  ctx.fillText('SHOTLINE · SLATE', w - 28 * u, 32 * u);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
}
