// The character bible: one description per character, in the script's language, used as every shot's subject.
import { z } from 'zod';
import { GenderSchema, titleCase, type CharacterIntro } from '../screenplay';
import type { PromptLanguage } from './language';
import { hasGarment } from './subject-rules';

export const BibleEntrySchema = z.object({
  /** As the script writes it (`KAI`, `林队长`): the key shots look characters up by. */
  name: z.string().trim().min(1).max(80),
  /** What the camera sees, e.g. "a man in his 40s in a black trench coat torn at one shoulder". */
  description: z.string().max(400),
  gender: GenderSchema.nullable().default(null),
  /** Line of the first appearance; later `changes` apply from their own line on. */
  line: z.number().int().min(1).default(1),
  changes: z.array(z.object({ line: z.number().int().min(1), description: z.string().max(400) })).default([]),
});

export const CharacterBibleSchema = z.object({ characters: z.array(BibleEntrySchema).max(500) });

export type BibleEntry = z.infer<typeof BibleEntrySchema>;
export type CharacterBible = z.infer<typeof CharacterBibleSchema>;

const NOUNS = {
  en: { male: 'man', female: 'woman', none: 'person' },
  zh: { male: '男子', female: '女子', none: '人' },
} as const;

const DECADE = /^((?:early|mid|late)[- ])?(\d{1,2})'?s$/i;

function article(phrase: string): string {
  return /^[aeiou]/i.test(phrase) && !/^(?:one|uni|eu)/i.test(phrase) ? `an ${phrase}` : `a ${phrase}`;
}

/** A name that is a role (`CAPTAIN`, `NURSE`) is the best noun for the person. */
const ROLE_NOUNS = new Set([
  'captain',
  'doctor',
  'nurse',
  'guard',
  'officer',
  'pilot',
  'driver',
  'soldier',
  'detective',
  'agent',
  'priest',
  'waiter',
  'waitress',
  'bartender',
  'sheriff',
  'deputy',
  'sergeant',
  'lieutenant',
  'colonel',
  'general',
  'teacher',
  'boy',
  'girl',
  'old man',
  'old woman',
  'stranger',
  'clerk',
  'receptionist',
  'janitor',
  'medic',
  'reporter',
]);

function describeEnglish(
  gender: CharacterIntro['gender'],
  age: string | null,
  appearance: string,
  name = '',
): string {
  const role = name.toLowerCase();
  const noun = ROLE_NOUNS.has(role) ? role : NOUNS.en[gender ?? 'none'];
  const possessive = gender === 'male' ? 'his' : gender === 'female' ? 'her' : 'their';
  const decade = age ? DECADE.exec(age) : null;
  const years = age && /^\d{1,3}$/.test(age) ? `${age}-year-old ` : '';
  let text = article(`${years}${noun}`);
  if (decade) text += ` in ${possessive} ${(decade[1] ?? '').replace('-', ' ')}${decade[2]}s`;
  const look = appearance.trim();
  if (look === '') return text;
  if (/^(?:in|wearing|with|dressed)\b/i.test(look)) return `${text} ${look}`;
  return hasGarment(look, 'en') && !/^(?:a|an|the)\b/i.test(look)
    ? `${text} in ${article(look)}`
    : `${text}, ${look}`;
}

function describeChinese(gender: CharacterIntro['gender'], age: string | null, appearance: string): string {
  const decade = age ? DECADE.exec(age) : null;
  const ageText = decade ? `${decade[2]}多岁` : age && /^\d{1,3}$/.test(age) ? `${age}岁` : (age ?? '');
  const parts = appearance
    .split(/[，,、]/u)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  // A role in the cast note (刑警, 医生) names the person better than 男子/女子.
  const role = parts.find(
    (p) => !hasGarment(p, 'zh') && /[警员长生师手人子兵官]$/u.test(p) && [...p].length <= 4,
  );
  const looks = parts
    .filter((p) => p !== role)
    .map((p) => (hasGarment(p, 'zh') && !/^(?:身?穿|一身|身着)/u.test(p) ? `身穿${p}` : p));
  const noun = role ?? NOUNS.zh[gender ?? 'none'];
  const before = [...looks, ageText].filter((p) => p !== '');
  if (before.length === 0) return noun === '人' ? '一个人' : `一名${noun}`;
  return `${before.join('、')}的${noun}`;
}

export function describeCharacter(
  intro: Pick<CharacterIntro, 'gender' | 'age' | 'appearance' | 'name'>,
  language: PromptLanguage,
): string {
  return language === 'zh'
    ? describeChinese(intro.gender, intro.age, intro.appearance)
    : describeEnglish(intro.gender, intro.age, intro.appearance, intro.name);
}

export function buildCharacterBible(
  intros: readonly CharacterIntro[],
  language: PromptLanguage,
): CharacterBible {
  return {
    characters: intros.map((intro) => ({
      name: intro.name,
      description: describeCharacter(intro, language),
      gender: intro.gender,
      line: intro.line,
      changes: intro.changes.map((change) => ({
        line: change.line,
        description: describeCharacter({ ...intro, appearance: change.appearance }, language),
      })),
    })),
  };
}

/** The description in force at a line: the last change at or before it, else the first appearance's. */
export function descriptionAt(entry: BibleEntry, line: number): string {
  let description = entry.description;
  for (const change of entry.changes) if (change.line <= line) description = change.description;
  return description;
}

/** Replaces entries the user edited (by name), keeping the script's order; unknown names are added at the end. */
export function mergeBible(
  fromScript: CharacterBible,
  edited: CharacterBible | null | undefined,
): CharacterBible {
  if (!edited) return fromScript;
  const edits = new Map(edited.characters.map((entry) => [entry.name, entry]));
  const merged = fromScript.characters.map((entry) => edits.get(entry.name) ?? entry);
  const known = new Set(fromScript.characters.map((entry) => entry.name));
  return { characters: [...merged, ...edited.characters.filter((entry) => !known.has(entry.name))] };
}

export function displayName(name: string): string {
  return /\p{Script=Han}/u.test(name) ? name : titleCase(name);
}
