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
  /** A weather part as written, e.g. `RAIN` in `EXT. FIELD - NIGHT - RAIN`, `雨`. */
  weatherText: z.string().nullable().default(null),
});

export type InteriorExterior = z.infer<typeof InteriorExteriorSchema>;
export type TimeOfDay = z.infer<typeof TimeOfDaySchema>;
export type SceneHeadingInfo = z.infer<typeof SceneHeadingInfoSchema>;

const INTERIOR_EXTERIOR_PREFIXES: readonly [RegExp, InteriorExterior][] = [
  [/^(?:int\.?\s*\/\s*ext|ext\.?\s*\/\s*int|int\.?-ext|i\.?\/e)\.?(?=[\s.]|$)/iu, 'interior_exterior'],
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
  SAME: 'same_time',
  'NEXT DAY': 'day',
  'NEXT MORNING': 'morning',
  'A FEW MINUTES LATER': 'later',
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

/** Weather a heading may carry as a part of its own: `EXT. FIELD - NIGHT - RAIN`, `外景 街道 夜 雨`. */
const HEADING_WEATHER =
  /^(?:(?:HEAVY |LIGHT |POURING )?RAIN(?:ING|Y)?|DRIZZLE|SNOW(?:ING|Y)?|BLIZZARD|FOG(?:GY)?|MIST(?:Y)?|STORM(?:Y)?|THUNDERSTORM|WIND(?:Y)?|[暴大小细]?雨|[暴大小]?雪|[大浓]?雾|暴风雨|雷雨|风雪|大风)$/iu;

/** The mainland layout ends a heading with a bare 内/外 (or 内外) instead of opening with 内景/外景. */
const CHINESE_INTERIOR_EXTERIOR: Readonly<Record<string, InteriorExterior>> = Object.freeze({
  内: 'interior',
  外: 'exterior',
  内外: 'interior_exterior',
  外内: 'interior_exterior',
  '内/外': 'interior_exterior',
});

const HAN = /\p{Script=Han}/u;
const BRACKETED = /\s*[([（【]([^)\]）】]*)[)\]）】]\s*/gu;
const CHINESE_SCENE_NUMBER = /^第\s*[0-9０-９一二三四五六七八九十百零〇两]+\s*[场場幕]\s*/u;

export function parseSceneHeading(heading: string): SceneHeadingInfo {
  let rest = heading
    .trim()
    .replace(/^\.(?!\.)/, '')
    .replace(CHINESE_SCENE_NUMBER, '');
  let interiorExterior: InteriorExterior | null = null;
  for (const [prefix, kind] of INTERIOR_EXTERIOR_PREFIXES) {
    const match = prefix.exec(rest);
    if (match) {
      interiorExterior = kind;
      rest = rest.slice(match[0].length).replace(/^[\s.:：]+/u, '');
      break;
    }
  }
  // Year tags `(1973)` and notes `[CONTINUOUS]` are cut out; what they say still counts when it is a time.
  const bracketed: string[] = [];
  rest = rest.replace(BRACKETED, (_, inner: string) => {
    bracketed.push(inner.trim());
    return ' ';
  });
  const chinese = HAN.test(rest);
  // Any part may hold the time: split on ` - ` (`—`/`–` too) and commas; Chinese headings on spaces as well.
  const separator = chinese ? /\s*[-–—,，、/]+\s*|\s+/u : /\s+[-–—]+\s+|\s*,\s*/u;
  const parts = rest
    .split(separator)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const place: string[] = [];
  let timeOfDayText: string | null = null;
  let weatherText: string | null = null;
  for (const part of [...parts, ...bracketed]) {
    const fromHeading = parts.includes(part);
    if (lookUpTimeOfDay(part)) timeOfDayText = part;
    else if (HEADING_WEATHER.test(part)) weatherText ??= part;
    else if (fromHeading && chinese && CHINESE_INTERIOR_EXTERIOR[part])
      interiorExterior ??= CHINESE_INTERIOR_EXTERIOR[part];
    else if (fromHeading) place.push(part);
  }
  // Without a separate part, a last word such as `NIGHT` may still be the time (`EXT. ROOF NIGHT`).
  if (timeOfDayText === null && place.length > 0) {
    const lastWord = /^(.*\S)\s+(\S+)$/u.exec(place.at(-1)!);
    if (lastWord && lookUpTimeOfDay(lastWord[2]!)) {
      place[place.length - 1] = lastWord[1]!;
      timeOfDayText = lastWord[2]!;
    }
  }
  return {
    interiorExterior,
    location: place.join(chinese ? ' ' : ' - ').trim(),
    timeOfDay: timeOfDayText === null ? null : lookUpTimeOfDay(timeOfDayText),
    timeOfDayText,
    weatherText,
  };
}
