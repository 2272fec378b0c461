// Fills a shot description from the script, by fixed rules, so the same script always gives the same form.
import type { CandidateShot, CharacterRef, InteriorExterior } from '../screenplay';
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
}

export function prefillShot(shot: CandidateShot, context?: PrefillContext): ShotDescription {
  const heading = shot.scene;
  const language = detectLanguage(shot.text, heading?.heading ?? '');
  const action = shot.text
    .split('\n')
    .map((line) => line.trim())
    .join(language === 'zh' ? '' : ' ');
  const noteText = shot.shotNote?.text ?? '';
  const sameScene = context !== undefined && context.sceneIndex === shot.sceneIndex;
  // An explicit shot note outranks words found in the action line.
  const fromNoteOrLine = (terms: Parameters<typeof firstTermLabel>[1]): string =>
    firstTermLabel(noteText, terms, language) || firstTermLabel(action, terms, language);

  const description = emptyShotDescription();
  description.subject = {
    who: findSubject(shot, action, language),
    wardrobe: findWardrobe(action, language),
  };
  description.action = action;
  description.environment = heading
    ? environmentText(heading.location, heading.interiorExterior, language)
    : '';
  description.timeOfDay = timeOfDayText(shot, context);
  description.weather = firstTermLabel(action, WEATHER_TERMS, language) || (sameScene ? context.weather : '');
  description.camera = {
    shotSize: fromNoteOrLine(SHOT_SIZE_TERMS),
    angle: fromNoteOrLine(CAMERA_ANGLE_TERMS),
    movement: fromNoteOrLine(CAMERA_MOVEMENT_TERMS),
    lens: fromNoteOrLine(LENS_TERMS),
  };
  description.lighting = joinList(allTermLabels(action, LIGHTING_TERMS, language), language);
  const styles = [
    ...allTermLabels(noteText, STYLE_TERMS, language),
    ...allTermLabels(action, STYLE_TERMS, language),
  ];
  description.style = joinList([...new Set(styles)], language);
  return description;
}

/** Prefills shots in script order, carrying weather and time of day forward as `PrefillContext` describes. */
export function prefillShots(shots: readonly CandidateShot[]): ShotDescription[] {
  let context: PrefillContext | undefined;
  return shots.map((shot) => {
    const description = prefillShot(shot, context);
    const sameScene = context?.sceneIndex === shot.sceneIndex;
    context = {
      sceneIndex: shot.sceneIndex,
      weather: description.weather || (sameScene ? (context?.weather ?? '') : ''),
      timeOfDay: description.timeOfDay || (context?.timeOfDay ?? ''),
    };
    return description;
  });
}

/** Names the line mentions, else a person it describes, else who speaks on screen right after it. */
function findSubject(shot: CandidateShot, action: string, language: PromptLanguage): string {
  const names = shot.charactersMentioned.map((name) => softenCapitals(name, 'title'));
  if (names.length > 0) return joinList(names, language);
  const person = findPersonPhrase(action, language);
  if (person !== '') return person;
  const onScreen = shot.speakersAfter.filter(
    (speaker: CharacterRef) => !speaker.extensions.some(isOffScreen),
  );
  return joinList([...new Set(onScreen.map((speaker) => softenCapitals(speaker.name, 'title')))], language);
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
