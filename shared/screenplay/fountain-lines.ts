// Recognisers for single Fountain lines (already trimmed): headings, transitions, cues, parentheticals.

const SCENE_HEADING_PREFIX =
  /^(?:int\.?\/ext|ext\.?\/int|int\/ext|i\.?\/e|int|ext|est|内外景|外内景|内景|外景)[.\s:：]/iu;
/** The mainland layout numbers its scenes: `第1场 城市天台 夜 外`, `第十二场`. */
export const CHINESE_SCENE_NUMBER = /^第\s*([0-9０-９一二三四五六七八九十百零〇两]+)\s*[场場幕]/u;
/** Fountain forces a heading with a period only before a letter or digit: `...` and `. ` stay action. */
const FORCED_HEADING = /^\.[\p{L}\p{N}]/u;
const SCENE_NUMBER = /\s*#([\p{L}\p{N}.-]+)#$/u;

export interface SceneHeadingLine {
  readonly text: string;
  readonly sceneNumber: string | null;
  readonly forced: boolean;
}

export function matchSceneHeading(trimmed: string): SceneHeadingLine | null {
  const forced = FORCED_HEADING.test(trimmed);
  const chinese = CHINESE_SCENE_NUMBER.exec(trimmed);
  if (!forced && !chinese && !SCENE_HEADING_PREFIX.test(trimmed)) return null;
  const withoutDot = forced ? trimmed.slice(1).trim() : trimmed;
  const number = SCENE_NUMBER.exec(withoutDot);
  const text = number ? withoutDot.slice(0, number.index).trim() : withoutDot;
  if (text === '') return null;
  return { text, sceneNumber: number ? number[1]! : (chinese?.[1] ?? null), forced };
}

/** Transitions real scripts write without Fountain's `>`: they end a scene and show nothing themselves. */
const NAMED_TRANSITION =
  /^(?:FADE (?:IN|OUT|TO BLACK|TO WHITE)|CUT TO BLACK|SMASH CUT|MATCH CUT|JUMP CUT|DISSOLVE|THE END|END)[.:!]?$/u;
/** Chinese transitions end `到：`/`至：` (`切到：`, `淡出至：`), or are the bare 淡入/淡出/剧终 cards. */
const CHINESE_TRANSITION =
  /^(?:\p{Script=Han}{1,6}[到至][:：]|淡入[。：:]?|淡出[。：:]?|全剧终。?|剧终。?|（完）|完。?)$/u;

export function isTransitionLine(trimmed: string): boolean {
  if (CHINESE_TRANSITION.test(trimmed)) return true;
  if (trimmed !== trimmed.toUpperCase() || !/\p{Lu}/u.test(trimmed)) return false;
  return trimmed.endsWith('TO:') || NAMED_TRANSITION.test(trimmed);
}

export interface CharacterCueLine {
  readonly text: string;
  readonly name: string;
  readonly extensions: string[];
  readonly dual: boolean;
  readonly forced: boolean;
}

const EXTENSION = /[(（]([^)）]*)[)）]/gu;
const HAN_NAME = /^[\p{Script=Han}·]{1,6}$/u;

/** `forced` covers `@` cues and formats (FDX) that already know the line is a cue, so case is not checked. */
export function matchCharacterCue(
  trimmed: string,
  forced = trimmed.startsWith('@'),
): CharacterCueLine | null {
  let text = trimmed.startsWith('@') ? trimmed.slice(1).trim() : trimmed;
  const dual = text.endsWith('^');
  if (dual) text = text.slice(0, -1).trim();
  const extensions = [...text.matchAll(EXTENSION)].map((match) => match[1]!.trim());
  const name = text.replace(EXTENSION, ' ').replace(/\s+/g, ' ').trim();
  if (name === '') return null;
  // Extensions may be lower case ("(cont'd)"); the name itself must be all capitals with at least one letter,
  // or, in Chinese Fountain (which has no capitals), a short name of Han characters only.
  const capitals = /\p{Lu}/u.test(name) && !/\p{Ll}/u.test(name);
  if (!forced && !capitals && !HAN_NAME.test(name)) return null;
  return { text, name, extensions, dual, forced };
}

export function isParentheticalLine(trimmed: string): boolean {
  return /^[(（][\s\S]*[)）]$/u.test(trimmed);
}
