// Fills a shot description from the script, by fixed rules, so the same script always gives the same form.
import type { CandidateShot, CharacterRef, InteriorExterior } from '../screenplay';
import { descriptionAt, displayName, type BibleEntry, type CharacterBible } from './bible';
import { cleanActionText } from './clean-text';
import { emptyShotDescription, type ShotDescription } from './description';
import { detectLanguage, joinList, type PromptLanguage } from './language';
import { allTermLabels, firstTermLabel } from './match-vocabulary';
import { findPersonPhrase, findWardrobe, softenCapitals } from './subject-rules';
import {
  CAMERA_ANGLE_TERMS,
  CAMERA_MOVEMENT_TERMS,
  LENS_TERMS,
  LIGHTING_TERMS,
  SHOT_SIZE_TERMS,
  STYLE_TERMS,
  WEATHER_TERMS,
} from './vocabulary';

const INTERIOR_EXTERIOR_WORDS: Readonly<Record<InteriorExterior, Record<PromptLanguage, string>>> =
  Object.freeze({
    interior: { en: 'indoors', zh: '室内' },
    exterior: { en: 'outdoors', zh: '室外' },
    interior_exterior: { en: 'indoors and outdoors', zh: '室内外' },
  });

/** Extensions that put a voice off screen: that speaker is not what the camera sees. */
const OFF_SCREEN = /^(?:V\.?\s?O\.?|O\.?\s?S\.?|O\.?\s?C\.?|OFF|画外音?|旁白|电话)$/iu;

/** What earlier shots tell a later one: weather holds within a scene, CONTINUOUS keeps the last time of day. */
export interface PrefillContext {
  readonly sceneIndex: number;
  readonly weather: string;
  readonly timeOfDay: string;
  /** The script's language, decided once from all of its text. */
  readonly language?: PromptLanguage;
  readonly bible?: CharacterBible;
  /** Who "he", "she" or "they" means: the characters named last in this scene. */
  readonly lastMentioned?: readonly string[];
}

const PRONOUN = {
  male: /\b(?:he|him|his)\b|他/iu,
  female: /\b(?:she|her|hers)\b|她/iu,
  plural: /\b(?:they|them|their)\b|他们|她们/iu,
};

const OTHER_NAME_WORD = {
  en: { male: 'the man', female: 'the woman', none: 'the person' },
  zh: { male: '他', female: '她', none: '那人' },
};

function bibleEntry(bible: CharacterBible | undefined, name: string): BibleEntry | undefined {
  return bible?.characters.find((entry) => entry.name === name);
}

/** Names the line means: those it mentions, else the last-named character a pronoun can only point to. */
function resolveCharacters(shot: CandidateShot, context: PrefillContext | undefined): string[] {
  if (shot.charactersMentioned.length > 0) return shot.charactersMentioned;
  const last = context?.sceneIndex === shot.sceneIndex ? (context.lastMentioned ?? []) : [];
  if (last.length === 0 || shot.kind === 'coverage') return [];
  const entries = last.map((name) => bibleEntry(context?.bible, name));
  if (last.length > 1) return PRONOUN.plural.test(shot.text) ? [...last] : [];
  const gender = entries[0]?.gender ?? null;
  const saysHe = PRONOUN.male.test(shot.text);
  const saysShe = PRONOUN.female.test(shot.text);
  if (saysHe && saysShe) return [];
  if ((saysHe && gender !== 'female') || (saysShe && gender !== 'male')) return [...last];
  return [];
}

/** Drops what the bible now says (the intro's age and appearance) and the leading name the subject replaces. */
function actionWithout(
  action: string,
  names: readonly string[],
  shot: CandidateShot,
  context: PrefillContext | undefined,
  language: PromptLanguage,
): string {
  let text = action;
  for (const name of names) {
    const forms = [name, displayName(name)].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    const entry = bibleEntry(context?.bible, name);
    if (entry && entry.line === shot.line) {
      // "KAI (40s), black trench coat torn at one shoulder, runs" → "KAI runs": the subject says the rest.
      text = text.replace(
        new RegExp(
          `((?:${forms}))\\s*[(（][^)）]{1,30}[)）]((?:\\s*[,，][^,，.。!?！？]+(?=[,，]))*)\\s*[,，]?\\s*`,
          'u',
        ),
        '$1 ',
      );
    }
  }
  const all = names
    .map((n) => [n, displayName(n)])
    .flat()
    .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (all.length === 0) return text.trim();
  const nameGroup = `(?:the\\s+)?(?:${all.join('|')})`;
  const leading = new RegExp(
    `^${nameGroup}(?:\\s*(?:,|and|&|和|与|、)\\s*${nameGroup})*(?![\\p{L}'’])\\s*`,
    'iu',
  );
  text = text.replace(leading, '');
  // A name later in the line: its first mention becomes the description, the rest "the man" / 他,
  // because the model cannot draw a name.
  for (const name of names) {
    const entry = bibleEntry(context?.bible, name);
    const word = OTHER_NAME_WORD[language][entry?.gender ?? 'none'];
    const forms = [name, displayName(name)].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    const pattern = new RegExp(
      `(?:(?<![\\p{L}])(?:the|The)\\s+)?(?<![\\p{L}])(?:${forms})(?![\\p{L}])`,
      'gu',
    );
    let first = true;
    text = text.replace(pattern, (match, offset: number) => {
      const replacement = first && entry ? descriptionAt(entry, shot.line) : word;
      first = false;
      const atStart = offset === 0 || /[.!?。！？]\s*$/u.test(text.slice(Math.max(0, offset - 4), offset));
      return atStart && language === 'en'
        ? replacement.charAt(0).toUpperCase() + replacement.slice(1)
        : replacement;
    });
  }
  return text.trim();
}

export function prefillShot(shot: CandidateShot, context?: PrefillContext): ShotDescription {
  const heading = shot.scene;
  const language = context?.language ?? detectLanguage(shot.text, heading?.heading ?? '');
  const names = resolveCharacters(shot, context);
  const nameSet = new Set([...names, ...(context?.bible?.characters.map((c) => c.name) ?? [])]);
  const cleaned = cleanActionText(shot.text, language, (word) => nameSet.has(word));
  const fromBible = names.filter((name) => bibleEntry(context?.bible, name) !== undefined);
  const action =
    shot.kind === 'coverage'
      ? coverageAction(names.length, language)
      : fromBible.length > 0
        ? actionWithout(
            cleaned,
            shot.charactersMentioned.length > 0 ? fromBible : [],
            shot,
            context,
            language,
          )
        : cleaned;
  const noteText = shot.shotNote?.text ?? '';
  const slugText = shot.slug ?? '';
  const sameScene = context !== undefined && context.sceneIndex === shot.sceneIndex;
  // An explicit shot note outranks a secondary slug, which outranks words found in the action line.
  const fromNoteOrLine = (terms: Parameters<typeof firstTermLabel>[1]): string =>
    firstTermLabel(noteText, terms, language) ||
    firstTermLabel(slugText, terms, language) ||
    firstTermLabel(shot.text, terms, language);

  const description = emptyShotDescription();
  const subjectFromBible = joinSubjects(
    fromBible.map((name) => descriptionAt(bibleEntry(context?.bible, name)!, shot.line)),
    language,
  );
  description.subject = {
    who: subjectFromBible || findSubject(shot, cleaned, language, context?.bible),
    // The bible's description already says what they wear: saying it twice reads as two garments.
    wardrobe: subjectFromBible ? '' : findWardrobe(cleaned, language),
  };
  description.action = action;
  description.environment = heading
    ? environmentText(heading.location, heading.interiorExterior, language)
    : '';
  description.timeOfDay = timeOfDayText(shot, context);
  description.weather =
    firstTermLabel(shot.text, WEATHER_TERMS, language) ||
    firstTermLabel(heading?.weatherText ?? '', WEATHER_TERMS, language) ||
    (sameScene ? context.weather : '');
  description.camera = {
    shotSize: fromNoteOrLine(SHOT_SIZE_TERMS),
    angle: fromNoteOrLine(CAMERA_ANGLE_TERMS),
    movement: fromNoteOrLine(CAMERA_MOVEMENT_TERMS),
    lens: fromNoteOrLine(LENS_TERMS),
  };
  description.lighting = joinList(allTermLabels(shot.text, LIGHTING_TERMS, language), language);
  const styles = [
    ...allTermLabels(noteText, STYLE_TERMS, language),
    ...allTermLabels(slugText, STYLE_TERMS, language),
    ...allTermLabels(shot.text, STYLE_TERMS, language),
  ];
  description.style = joinList([...new Set(styles)], language);
  return description;
}

function coverageAction(speakers: number, language: PromptLanguage): string {
  if (language === 'zh') return speakers > 1 ? '面对面交谈' : '对着镜头说话';
  return speakers > 1 ? 'talk to each other' : 'speaks';
}

function joinSubjects(subjects: readonly string[], language: PromptLanguage): string {
  const items = subjects.filter((s) => s !== '');
  if (language === 'zh') return items.join('和');
  return items.length <= 2 ? items.join(' and ') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export interface PrefillOptions {
  /** The script's characters; their descriptions become each shot's subject. */
  bible?: CharacterBible;
  /** Decided from the whole script when left out; `per-shot` for lists whose lines stand alone (plain text). */
  language?: PromptLanguage | 'per-shot';
}

/** The language of a whole script, by the proportion of Han characters in its shots and headings. */
export function scriptLanguage(shots: readonly CandidateShot[]): PromptLanguage {
  return detectLanguage(...shots.map((shot) => shot.text), ...shots.map((shot) => shot.scene?.heading ?? ''));
}

/** Prefills shots in script order, carrying weather and time of day forward as `PrefillContext` describes. */
export function prefillShots(
  shots: readonly CandidateShot[],
  options: PrefillOptions = {},
): ShotDescription[] {
  const chosen = options.language ?? scriptLanguage(shots);
  let context: PrefillContext | undefined;
  return shots.map((shot) => {
    const language = chosen === 'per-shot' ? detectLanguage(shot.text) : chosen;
    if (context) context = { ...context, language };
    const description = prefillShot(
      shot,
      context ?? {
        sceneIndex: -1,
        weather: '',
        timeOfDay: '',
        language,
        ...(options.bible && { bible: options.bible }),
      },
    );
    const sameScene = context?.sceneIndex === shot.sceneIndex;
    const named = resolveCharacters(shot, context);
    context = {
      sceneIndex: shot.sceneIndex,
      weather: description.weather || (sameScene ? (context?.weather ?? '') : ''),
      timeOfDay: description.timeOfDay || (context?.timeOfDay ?? ''),
      language,
      ...(options.bible && { bible: options.bible }),
      lastMentioned: named.length > 0 ? named : sameScene ? (context?.lastMentioned ?? []) : [],
    };
    return description;
  });
}

/** Names the line mentions, else a person it describes, else who speaks on screen right after it. */
function findSubject(
  shot: CandidateShot,
  action: string,
  language: PromptLanguage,
  bible: CharacterBible | undefined,
): string {
  const describe = (name: string): string => {
    const entry = bibleEntry(bible, name);
    return entry ? descriptionAt(entry, shot.line) : softenCapitals(name, 'title');
  };
  const names = shot.charactersMentioned.map(describe);
  if (names.length > 0) return joinList(names, language);
  const person = findPersonPhrase(action, language);
  if (person !== '') return person;
  const onScreen = shot.speakersAfter.filter(
    (speaker: CharacterRef) => !speaker.extensions.some(isOffScreen),
  );
  return joinList([...new Set(onScreen.map((speaker) => describe(speaker.name)))], language);
}
function isOffScreen(extension: string): boolean {
  return OFF_SCREEN.test(extension.trim());
}

function environmentText(location: string, kind: InteriorExterior | null, language: PromptLanguage): string {
  const parts = [softenCapitals(location, 'lower'), kind ? INTERIOR_EXTERIOR_WORDS[kind][language] : ''];
  return joinList(parts, language);
}

/** CONTINUOUS, LATER and SAME TIME say "as before", so the previous shot's time of day still holds. */
function timeOfDayText(shot: CandidateShot, context: PrefillContext | undefined): string {
  const scene = shot.scene;
  if (!scene || scene.timeOfDay === null || scene.timeOfDayText === null) return '';
  if (scene.timeOfDay === 'continuous' || scene.timeOfDay === 'later' || scene.timeOfDay === 'same_time') {
    return context?.timeOfDay ?? '';
  }
  return softenCapitals(scene.timeOfDayText, 'lower');
}
