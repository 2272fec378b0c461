// Recognisers for single Fountain lines (already trimmed): headings, transitions, cues, parentheticals.

const SCENE_HEADING_PREFIX =
  /^(?:int\.?\/ext|ext\.?\/int|int\/ext|i\/e|int|ext|est|内外景|外内景|内景|外景)[.\s]/iu;
const SCENE_NUMBER = /\s*#([\p{L}\p{N}.-]+)#$/u;

export interface SceneHeadingLine {
  readonly text: string;
  readonly sceneNumber: string | null;
  readonly forced: boolean;
}

export function matchSceneHeading(trimmed: string): SceneHeadingLine | null {
  const forced = trimmed.startsWith('.') && trimmed.length > 1 && trimmed[1] !== '.';
  if (!forced && !SCENE_HEADING_PREFIX.test(trimmed)) return null;
  const withoutDot = forced ? trimmed.slice(1).trim() : trimmed;
  const number = SCENE_NUMBER.exec(withoutDot);
  const text = number ? withoutDot.slice(0, number.index).trim() : withoutDot;
  if (text === '') return null;
  return { text, sceneNumber: number ? number[1]! : null, forced };
}

export function isTransitionLine(trimmed: string): boolean {
  return trimmed.endsWith('TO:') && trimmed === trimmed.toUpperCase() && /\p{Lu}/u.test(trimmed);
}

export interface CharacterCueLine {
  readonly text: string;
  readonly name: string;
  readonly extensions: string[];
  readonly dual: boolean;
  readonly forced: boolean;
}

const EXTENSION = /[(（]([^)）]*)[)）]/gu;

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
  // Extensions may be lower case ("(cont'd)"); the name itself must be all capitals with at least one letter.
  if (!forced && (!/\p{Lu}/u.test(name) || /\p{Ll}/u.test(name))) return null;
  return { text, name, extensions, dual, forced };
}

export function isParentheticalLine(trimmed: string): boolean {
  return /^[(（][\s\S]*[)）]$/u.test(trimmed);
}
