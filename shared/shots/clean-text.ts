// Screenplay action text to prompt text: no Fountain markup, no shouting capitals, no asides the camera cannot see.
import type { PromptLanguage } from './language';

/** Short capitalised words that are names of things, not emphasis. */
const ACRONYMS = new Set([
  'TV',
  'FBI',
  'CIA',
  'NYPD',
  'LAPD',
  'USB',
  'CCTV',
  'SUV',
  'ATM',
  'UFO',
  'DNA',
  'OK',
  'GPS',
  'SWAT',
  'EMT',
  'ER',
  'ICU',
  'UN',
  'US',
  'UK',
  'DJ',
  'VHS',
  'LED',
]);

/** Sentences that describe sound, thought or the page, not the picture. */
const ASIDE_SENTENCE =
  /^(?:we hear\b|we can hear\b|(?:a |another )?beat\.?$|(?:\(?more\)?|\(?continued\)?:?)$|o\.s\.|this is\b|trust me\b|you get the idea\b|needless to say\b)/i;
const ASIDE_PARENTHETICAL = /\s*\((?:beat|a beat|pause|more|cont'?d|continued|o\.s\.|v\.o\.|sic)\)/gi;

/** `*italic*`, `**bold**`, `_underline_` and `\\*` escapes, as Fountain writes them. */
export function stripEmphasis(text: string): string {
  const escapes: string[] = [];
  const held = text.replace(/\\([*_\\])/g, (_, c: string) => `\uE000${escapes.push(c) - 1}\uE000`);
  return held
    .replace(/\*{1,3}(?=\S)([^*]*?\S)\*{1,3}/g, '$1')
    .replace(/(?<![\p{L}\p{N}])_(?=\S)([^_]*?\S)_(?![\p{L}\p{N}])/gu, '$1')
    .replace(/\uE000(\d+)\uE000/g, (_, i: string) => escapes[Number(i)]!);
}

/** EXPLODES → explodes; names are left for the caller (they become descriptions), acronyms stay. */
export function softenEmphasis(text: string, keep: (word: string) => boolean = () => false): string {
  return text.replace(/(?<![\p{L}\p{N}'])\p{Lu}[\p{Lu}'-]*\p{Lu}(?![\p{L}\p{N}])/gu, (word) =>
    ACRONYMS.has(word) || keep(word) ? word : word.toLowerCase(),
  );
}

function dropAsides(text: string, language: PromptLanguage): string {
  if (language === 'zh') return text.replace(/[(（](?:停顿|画外音|旁白|注)[^)）]*[)）]/gu, '');
  const withoutBrackets = text.replace(ASIDE_PARENTHETICAL, '');
  const sentences = withoutBrackets.match(/[^.!?]+[.!?]*["'”’)]*\s*/g) ?? [];
  return sentences
    .filter((sentence) => !ASIDE_SENTENCE.test(sentence.trim()))
    .join('')
    .replace(/^we see\s+/i, '')
    .replace(/([.!?]\s+)we see\s+(\p{L})/giu, (_, stop: string, c: string) => stop + c.toUpperCase());
}

/**
 * Lines of a paragraph joined into one: a space in English (and a missing space after a full stop put back),
 * nothing in Chinese unless the line ended without punctuation, which gets a comma.
 */
export function joinLines(text: string, language: PromptLanguage): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (language === 'zh')
    return lines
      .map((line, i) => (i < lines.length - 1 && !/[。！？，、；：…”）]$/u.test(line) ? line + '，' : line))
      .join('');
  return lines.join(' ').replace(/([a-z][.!?])(\p{Lu})/gu, '$1 $2');
}

export function cleanActionText(
  text: string,
  language: PromptLanguage,
  keep?: (word: string) => boolean,
): string {
  const joined = joinLines(stripEmphasis(text), language);
  return softenEmphasis(dropAsides(joined, language), keep)
    .replace(/\s{2,}/g, ' ')
    .trim();
}
