// The quality presets a take may ask for: `final` the largest documented size that fits the card, `draft` the
// smallest, with the bundle's step-distilled experts where it has them (shared/model-bundle/draft-preset.ts).
import { QUALITIES, type Quality } from '../../../shared/model-bundle/draft-preset';

export const qualities = QUALITIES;
export type { Quality };

export function isQuality(value: string): value is Quality {
  return (qualities as readonly string[]).includes(value);
}
