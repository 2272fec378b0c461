// Who is in a script: every cue, cast-line and capitalised first-appearance name, with what the script says
// about them where they first appear and when their wardrobe changes. Raw text only; shots/ words it.
import { z } from 'zod';
import type { ScriptElement } from './elements';

export const GenderSchema = z.enum(['male', 'female']);

export const CharacterIntroSchema = z.object({
  /** As the cue writes it (`KAI`, `林队长`). */
  name: z.string(),
  /** 1-based line of the first appearance (cue, cast line or action). */
  line: z.number().int().min(1),
  /** `40s`, `60`, `50岁`: as written. */
  age: z.string().nullable(),
  /** The description beside the name at first appearance, as written (`black trench coat torn at one shoulder`). */
  appearance: z.string(),
  /** From the pronouns used after the introduction, when they agree. */
  gender: GenderSchema.nullable(),
  /** Later wardrobe or appearance changes stated in action lines. */
  changes: z.array(z.object({ line: z.number().int().min(1), appearance: z.string() })),
});
export type CharacterIntro = z.infer<typeof CharacterIntroSchema>;
export type Gender = z.infer<typeof GenderSchema>;

const HAN = /\p{Script=Han}/u;
/** How far past a name its description or a wardrobe change is looked for. */
const WINDOW = 240;
const isLatinName = (name: string): boolean => !HAN.test(name);
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `KAI (40s)`, `The CAPTAIN (60s)`: capitals, then an age or short note in brackets. */
const INTRO_EN = /(?<![\p{L}\p{N}])(\p{Lu}[\p{Lu}'.-]+(?:\s+\p{Lu}[\p{Lu}'.-]+){0,2})\s*\(([^)\n]{1,30})\)/gu;
const AGE =
  /^(?:(?:early|mid|late)[- ])?\d{1,2}'?s$|^\d{1,3}$|^\d{1,3}\s*岁(?:左右)?$|^[二三四五六七八九十]+来?岁$/iu;
const PRONOUNS = { male: /\b(?:he|him|his|himself)\b|他/iu, female: /\b(?:she|her|hers|herself)\b|她/iu };
const CHANGE_EN =
  /\b(?:now (?:wears|wearing|in)|changes into|has changed into|changed into|puts on|pulls on|is now in)\s+(?:a |an |the |his |her |their )?([^.;!?\n]+)/i;
const CHANGE_ZH = /(?:换上|穿上|换了|换成|改穿)(?:了)?([^，。；！？\n]+)/u;

/** Case-aware name matcher: the cue's capitals or Title case for Latin names, never an ordinary lower-case word. */
export function nameMatcher(
  names: readonly string[],
): (text: string) => { name: string; index: number; length: number }[] {
  // Longest first, so `MARY ANN` is found before `MARY` and the shorter one does not match inside it.
  const sorted = [...new Set(names)].filter((n) => n !== '').sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return () => [];
  const forms = new Map<string, string>();
  const alternatives: string[] = [];
  for (const name of sorted) {
    const variants = isLatinName(name) ? [name, titleCase(name)] : [name];
    for (const variant of variants) {
      if (forms.has(variant)) continue;
      forms.set(variant, name);
      alternatives.push(escape(variant));
    }
  }
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{Ll}\\p{Lu}\\p{N}])`,
    'gu',
  );
  const han = new RegExp(alternatives.filter((a) => HAN.test(a)).join('|') || '(?!)', 'gu');
  return (text) => {
    const found = [...text.matchAll(pattern), ...text.matchAll(han)]
      .map((m) => ({ name: forms.get(m[0])!, index: m.index, length: m[0].length }))
      .sort((a, b) => a.index - b.index || b.length - a.length);
    const kept: typeof found = [];
    for (const match of found) {
      const last = kept.at(-1);
      if (!last || match.index >= last.index + last.length) kept.push(match);
    }
    return kept;
  };
}

export function titleCase(name: string): string {
  return name
    .toLowerCase()
    .replace(/(^|[\s-])(\p{Ll})/gu, (_, gap: string, c: string) => gap + c.toUpperCase());
}

/** Splits `(40s), black trench coat, runs` into the appositive clauses before the predicate. */
function appositive(after: string): string {
  const sentence = /^[^.!?。！？\n]*/u.exec(after)![0];
  if (!/^\s*[,，]/u.test(sentence)) return '';
  const clauses = sentence
    .replace(/^\s*[,，]\s*/u, '')
    .split(/\s*[,，]\s*/u)
    .filter((c) => c !== '');
  return clauses.length >= 2 ? clauses.slice(0, -1).join(', ') : '';
}

/** Age and description from a cast note (`50岁，刑警`) or a bracket (`40s`). */
function splitNote(note: string): { age: string | null; rest: string[] } {
  let age: string | null = null;
  const rest: string[] = [];
  for (const part of note.split(/\s*[,，、;；]\s*/u)) {
    if (part === '') continue;
    if (age === null && AGE.test(part.trim())) age = part.trim();
    else rest.push(part.trim());
  }
  return { age, rest };
}

export function collectCharacters(elements: readonly ScriptElement[]): CharacterIntro[] {
  const byName = new Map<string, CharacterIntro>();
  const add = (name: string, line: number, age: string | null, appearance: string): CharacterIntro => {
    const existing = byName.get(name);
    if (existing) {
      existing.age ??= age;
      if (existing.appearance === '') existing.appearance = appearance;
      return existing;
    }
    const intro: CharacterIntro = { name, line, age, appearance, gender: null, changes: [] };
    byName.set(name, intro);
    return intro;
  };
  // First pass: names, so an action line can be searched for every character at once.
  for (const element of elements) {
    if (element.type === 'character') add(element.name, element.line, null, '');
    if (element.type === 'cast') {
      for (const entry of element.entries) {
        const { age, rest } = splitNote(entry.note);
        add(entry.name, element.line, age, rest.join('，'));
      }
    }
    if (element.type === 'action' && !element.centered) {
      for (const match of element.text.matchAll(INTRO_EN)) {
        const { age, rest } = splitNote(match[2]!);
        if (age === null && rest.length > 0) continue;
        const from = match.index + match[0].length;
        add(match[1]!, element.line, age, appositive(element.text.slice(from, from + WINDOW)));
      }
    }
  }
  const find = nameMatcher([...byName.keys()]);
  // Second pass, in script order: descriptions written beside a known name, pronouns, wardrobe changes.
  const seen = new Set<string>();
  let pendingGender: CharacterIntro | null = null;
  for (const element of elements) {
    if (element.type !== 'action' || element.centered) continue;
    const mentions = find(element.text);
    const others = new Set(mentions.map((m) => m.name));
    if (pendingGender && !others.has(pendingGender.name) && others.size > 0) pendingGender = null;
    for (const mention of mentions) {
      const intro = byName.get(mention.name)!;
      // A window, not the rest of the paragraph: slicing the rest once per mention would be quadratic.
      const from = mention.index + mention.length;
      const after = element.text.slice(from, from + WINDOW);
      if (!seen.has(mention.name)) {
        seen.add(mention.name);
        const bracket = /^\s*[(（]([^)）\n]{1,30})[)）]/u.exec(after);
        const note = bracket ? splitNote(bracket[1]!) : { age: null, rest: [] };
        intro.age ??= note.age;
        if (intro.appearance === '') intro.appearance = appositive(after.slice(bracket?.[0].length ?? 0));
        if (intro.appearance === '' && note.rest.length > 0) intro.appearance = note.rest.join(', ');
        if (intro.gender === null) pendingGender = intro;
        continue;
      }
      const change = (isLatinName(mention.name) ? CHANGE_EN : CHANGE_ZH).exec(after);
      if (change && change.index < 80) {
        // "a red raincoat and opens the door": the garment stops where the next verb starts.
        const appearance = change[1]!.replace(/\s+(?:and|as|while|then)\s+\p{Ll}+s\b.*$/u, '').trim();
        intro.changes.push({ line: element.line, appearance });
      }
    }
    if (pendingGender) {
      const intro = pendingGender;
      const from = mentions.find((m) => m.name === intro.name);
      const start = from ? from.index + from.length : 0;
      const text = element.text.slice(start, start + WINDOW * 4);
      const male = PRONOUNS.male.test(text);
      const female = PRONOUNS.female.test(text);
      if (male !== female) {
        intro.gender = male ? 'male' : 'female';
        pendingGender = null;
      }
    }
  }
  return [...byName.values()].sort((a, b) => a.line - b.line);
}
