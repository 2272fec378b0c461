// The quality presets a take may ask for: `final` the largest documented size that fits the card, `draft` the
// smallest (faster iterations; a step-distilled bundle can add its own draft settings to this preset).
export const qualities = ['draft', 'final'] as const;
export type Quality = (typeof qualities)[number];

export function isQuality(value: string): value is Quality {
  return (qualities as readonly string[]).includes(value);
}
