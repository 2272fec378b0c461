// Reads a scene heading into interior/exterior, location and time of day, in English and Chinese.
import { z } from 'zod';

export const InteriorExteriorSchema = z.enum(['interior', 'exterior', 'interior_exterior']);
export const TimeOfDaySchema = z.enum([
  'day',
  'night',
  'dawn',
  'dusk',
  'morning',
  'noon',
  'afternoon',
  'evening',
  'continuous',
  'later',
  'same_time',
]);

export const SceneHeadingInfoSchema = z.object({
  interiorExterior: InteriorExteriorSchema.nullable(),
  /** As written, e.g. `HARBOR CITY ROOFTOP`, `城市天台`. */
  location: z.string(),
  timeOfDay: TimeOfDaySchema.nullable(),
  /** The time part as written, e.g. `NIGHT`, `夜`. */
  timeOfDayText: z.string().nullable(),
});

export type InteriorExterior = z.infer<typeof InteriorExteriorSchema>;
export type TimeOfDay = z.infer<typeof TimeOfDaySchema>;
export type SceneHeadingInfo = z.infer<typeof SceneHeadingInfoSchema>;

const INTERIOR_EXTERIOR_PREFIXES: readonly [RegExp, InteriorExterior][] = [
  [/^(?:int\.?\s*\/\s*ext|ext\.?\s*\/\s*int|int\.?-ext|i\/e)\.?(?=[\s.]|$)/iu, 'interior_exterior'],
  [/^(?:内外景|外内景|内\/外景?)/u, 'interior_exterior'],
  [/^int\.?(?=[\s.]|$)/iu, 'interior'],
  [/^(?:ext|est)\.?(?=[\s.]|$)/iu, 'exterior'],
  [/^内景/u, 'interior'],
  [/^外景/u, 'exterior'],
];

/** Keys are upper-cased English or Chinese as written; what a heading's last part may say. */
export const TIME_OF_DAY_WORDS: Readonly<Record<string, TimeOfDay>> = Object.freeze({
  DAY: 'day',
  DAYTIME: 'day',
  NIGHT: 'night',
  'LATE NIGHT': 'night',
  MIDNIGHT: 'night',
  DAWN: 'dawn',
  SUNRISE: 'dawn',
  DAYBREAK: 'dawn',
  DUSK: 'dusk',
  SUNSET: 'dusk',
  TWILIGHT: 'dusk',
  'MAGIC HOUR': 'dusk',
  MORNING: 'morning',
  'EARLY MORNING': 'morning',
  NOON: 'noon',
  MIDDAY: 'noon',
  AFTERNOON: 'afternoon',
  EVENING: 'evening',
  CONTINUOUS: 'continuous',
  LATER: 'later',
  'MOMENTS LATER': 'later',
  'SAME TIME': 'same_time',
  SIMULTANEOUS: 'same_time',
  日: 'day',
  白天: 'day',
  白日: 'day',
  夜: 'night',
  夜晚: 'night',
  晚上: 'night',
  深夜: 'night',
  午夜: 'night',
  凌晨: 'dawn',
  黎明: 'dawn',
  拂晓: 'dawn',
  破晓: 'dawn',
  清晨: 'morning',
  早晨: 'morning',
  早上: 'morning',
  上午: 'morning',
  中午: 'noon',
  正午: 'noon',
  下午: 'afternoon',
  午后: 'afternoon',
  黄昏: 'dusk',
  傍晚: 'dusk',
  日落: 'dusk',
  晚: 'evening',
  连续: 'continuous',
  接上: 'continuous',
  稍后: 'later',
  片刻后: 'later',
  同时: 'same_time',
});

function lookUpTimeOfDay(text: string): TimeOfDay | null {
  return TIME_OF_DAY_WORDS[text.trim().toUpperCase().replace(/\s+/g, ' ')] ?? null;
}

export function parseSceneHeading(heading: string): SceneHeadingInfo {
  let rest = heading.trim().replace(/^\.(?!\.)/, '');
  let interiorExterior: InteriorExterior | null = null;
  for (const [prefix, kind] of INTERIOR_EXTERIOR_PREFIXES) {
    const match = prefix.exec(rest);
    if (match) {
      interiorExterior = kind;
      rest = rest.slice(match[0].length).replace(/^[\s.]+/, '');
      break;
    }
  }
  // The time is the last ` - ` part (`—`/`–` too); without one, a last word such as `夜` may still be a time.
  const parts = rest.split(/\s+[-–—]+\s+/u);
  let location = rest;
  let timeOfDayText: string | null = null;
  if (parts.length > 1 && lookUpTimeOfDay(parts.at(-1)!)) {
    timeOfDayText = parts.at(-1)!.trim();
    location = parts.slice(0, -1).join(' - ');
  } else {
    const lastWord = /^(.*\S)\s+(\S+)$/u.exec(rest);
    if (lastWord && lookUpTimeOfDay(lastWord[2]!)) {
      location = lastWord[1]!;
      timeOfDayText = lastWord[2]!;
    }
  }
  return {
    interiorExterior,
    location: location.trim(),
    timeOfDay: timeOfDayText === null ? null : lookUpTimeOfDay(timeOfDayText),
    timeOfDayText,
  };
}
