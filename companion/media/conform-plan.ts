// How a clip of one size/rate becomes exactly the sequence's size, rate and frame count.
import type { FrameRate, FrameSize } from '../../shared/protocol';

export type FitMode = 'fit' | 'fill' | 'stretch';
export type RateMode = 'duplicate' | 'blend';

export interface ConformPlan {
  source: FrameSize & { fps: FrameRate };
  target: FrameSize & { fps: FrameRate; frames: number };
  fit: FitMode;
  rateMode: RateMode;
  /** Extra filter appended after conforming (the burned-in draft label), drawn at the target size. */
  overlay?: string;
}

const sameRate = (a: FrameRate, b: FrameRate) => a.num * b.den === b.num * a.den;

/** Scale + pad or crop to `size` by the fit rule: clips and the frames they are conditioned on share it. */
export function fitFilters(size: FrameSize, fit: FitMode): string[] {
  const { width: w, height: h } = size;
  const scaled =
    fit === 'stretch'
      ? [`scale=${w}:${h}`]
      : fit === 'fill'
        ? [`scale=${w}:${h}:force_original_aspect_ratio=increase`, `crop=${w}:${h}`]
        : [`scale=${w}:${h}:force_original_aspect_ratio=decrease`, `pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2`];
  return [...scaled, 'setsar=1'];
}

/** The ffmpeg filter chain for a plan, or '' when the source already is the target. */
export function conformFilter(plan: ConformPlan): string {
  const { source, target } = plan;
  const filters: string[] = [];
  if (!sameRate(source.fps, target.fps)) {
    const rate = `${target.fps.num}/${target.fps.den}`;
    filters.push(plan.rateMode === 'blend' ? `framerate=fps=${rate}` : `fps=fps=${rate}`);
  }
  if (source.width !== target.width || source.height !== target.height)
    filters.push(...fitFilters(target, plan.fit));
  if (plan.overlay) filters.push(plan.overlay);
  if (filters.length === 0) return '';
  // Rate conversion can come up a frame short at the end; cloning the last frame keeps the count exact.
  filters.push('tpad=stop_mode=clone:stop=2');
  return filters.join(',');
}
