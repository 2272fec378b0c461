// Picks the model size nearest to the sequence frame, never crossing orientation.
import type { FrameSize } from '../../../shared/protocol';

type Orientation = 'landscape' | 'portrait' | 'square';

function orientation({ width, height }: FrameSize): Orientation {
  // Within 5% of square counts as square, so 1:1-ish frames get the square size, not a wide one.
  const ratio = width / height;
  if (ratio > 1.05) return 'landscape';
  if (ratio < 1 / 1.05) return 'portrait';
  return 'square';
}

/**
 * Same orientation first (a portrait sequence never gets a landscape clip), then the closest
 * aspect ratio (weighted: conforming pads or crops the difference away), then the closest pixel
 * count. Null only when no allowed size has the wanted orientation.
 */
export function nearestSize<T extends FrameSize>(wanted: FrameSize, allowed: readonly T[]): T | null {
  const want = orientation(wanted);
  const wantAspect = Math.log(wanted.width / wanted.height);
  const wantArea = Math.log(wanted.width * wanted.height);
  let best: { size: T; cost: number } | null = null;
  for (const size of allowed) {
    if (orientation(size) !== want) continue;
    const cost =
      4 * Math.abs(Math.log(size.width / size.height) - wantAspect) +
      Math.abs(Math.log(size.width * size.height) - wantArea);
    if (!best || cost < best.cost) best = { size, cost };
  }
  return best?.size ?? null;
}
