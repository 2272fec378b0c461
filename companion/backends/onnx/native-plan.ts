// Picks the model's native size and 4n+1 frame count for a request; the media stage conforms the rest.
import type { ModelManifest } from '../../../shared/model-bundle';
import type { FrameRate, FrameSize } from '../../../shared/protocol';

export interface NativePlan {
  width: number;
  height: number;
  frames: number;
  /** Latent shape [C, F, h, w]. */
  latentShape: [number, number, number, number];
}

/** The native size closest in aspect ratio (then in area) to what the shot asks for. */
export function nativeSize(m: ModelManifest, want: FrameSize): FrameSize {
  const score = (s: FrameSize) => [
    Math.abs(Math.log(s.width / s.height) - Math.log(want.width / want.height)),
    Math.abs(Math.log((s.width * s.height) / (want.width * want.height))),
  ];
  return [...m.sampling.sizes].sort((a, b) => {
    const [ra, aa] = score(a);
    const [rb, ab] = score(b);
    return Math.abs(ra! - rb!) > 1e-9 ? ra! - rb! : aa! - ab!;
  })[0]!;
}

/** Enough native frames to cover the requested duration, as stride·n + 1, capped at the model's maximum. */
export function nativeFrames(m: ModelManifest, frames: number, fps: FrameRate): number {
  const stride = m.latent.temporalStride;
  const seconds = (frames * fps.den) / fps.num;
  const needed = Math.ceil((seconds * m.sampling.fps.num) / m.sampling.fps.den - 1e-9);
  const n = Math.max(0, Math.ceil((needed - 1) / stride));
  return Math.min(stride * n + 1, m.sampling.frames);
}

export function planNative(m: ModelManifest, size: FrameSize, frames: number, fps: FrameRate): NativePlan {
  return planAt(m, nativeSize(m, size), nativeFrames(m, frames, fps));
}

/** The plan for a native size and frame count already chosen (the memory-aware defaults choose the size). */
export function planAt(m: ModelManifest, { width, height }: FrameSize, count: number): NativePlan {
  const s = m.latent.spatialStride;
  return {
    width,
    height,
    frames: count,
    latentShape: [m.latent.channels, (count - 1) / m.latent.temporalStride + 1, height / s, width / s],
  };
}
