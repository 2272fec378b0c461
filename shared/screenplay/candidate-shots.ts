// Turns a parsed script into candidate shots: one per action paragraph, with its scene and people around it.
import { z } from 'zod';
import { collectCharacters, nameMatcher, type CharacterIntro } from './characters';
import type { ParsedScript, SceneHeadingElement } from './elements';
import { isTransitionLine } from './fountain-lines';
import { SceneHeadingInfoSchema, parseSceneHeading, type SceneHeadingInfo } from './scene-heading';
import { ShotNoteSchema, parseShotNote } from './shot-notes';

export const SceneContextSchema = SceneHeadingInfoSchema.extend({
  /** Heading as written. */
  heading: z.string(),
  line: z.number().int().min(1),
  /** `#12A#` in Fountain, `Number` in Final Draft. */
  sceneNumber: z.string().nullable(),
});

export const CharacterRefSchema = z.object({ name: z.string(), extensions: z.array(z.string()) });

export const ShotNoteRefSchema = z.object({ text: z.string(), line: z.number().int().min(1) });

export const CandidateShotSchema = z.object({
  /** `S{scene}-{shot}`, e.g. `S1-01`; scene 0 holds shots before the first heading (and plain text). */
  id: z.string(),
  /** `coverage`: the one shot of a scene that is all dialogue (the speakers in the scene's place); `text` is empty. */
  kind: z.enum(['action', 'coverage']).default('action'),
  /** A secondary slug inside the scene (`.CLOSE ON SCOTT`, `.SNIPER SCOPE POV`) that frames this shot. */
  slug: z.string().nullable().default(null),
  sceneIndex: z.number().int().min(0),
  shotIndex: z.number().int().min(1),
  /** The action paragraph as written. */
  text: z.string(),
  line: z.number().int().min(1),
  endLine: z.number().int().min(1),
  scene: SceneContextSchema.nullable(),
  /** Names of the cues heard in this scene before the shot, in order of first cue. */
  charactersInScene: z.array(z.string()),
  /** Character names (cues, cast lines, capitalised first appearances) the action mentions, in order. */
  charactersMentioned: z.array(z.string()),
  /** Cues of the dialogue right after the shot, up to the next action or heading. */
  speakersAfter: z.array(CharacterRefSchema),
  /** Notes since the previous shot, and notes inside this paragraph. */
  notes: z.array(ShotNoteRefSchema),
  /** The first of those notes written as `SHOT 1A: ...`. */
  shotNote: ShotNoteSchema.nullable(),
});

export type SceneContext = z.infer<typeof SceneContextSchema>;
export type CharacterRef = z.infer<typeof CharacterRefSchema>;
export type CandidateShot = z.infer<typeof CandidateShotSchema>;

export function formatShotId(sceneIndex: number, shotIndex: number): string {
  return `S${sceneIndex}-${String(shotIndex).padStart(2, '0')}`;
}

/** Action lines that show nothing: FADE OUT., THE END, CONTINUED: (title cards are `centered`). */
const SHOWS_NOTHING =
  /^(?:\(?CONTINUED\)?:?|\(?MORE\)?|FADE IN|TITLE CARD:.*|SUPER:.*|字幕[:：].*|黑场。?)$/u;

function showsNothing(text: string): boolean {
  const trimmed = text.trim();
  return trimmed === '' || isTransitionLine(trimmed) || SHOWS_NOTHING.test(trimmed);
}

/**
 * A forced slug without INT/EXT and without a time (`.CLOSE ON SCOTT`, `.ON THE TV`) frames the next shot
 * inside the current scene rather than starting a new one.
 */
function isSecondarySlug(element: SceneHeadingElement, info: SceneHeadingInfo, inScene: boolean): boolean {
  return inScene && element.forced && info.interiorExterior === null && info.timeOfDay === null;
}

export function extractCandidateShots(
  script: ParsedScript,
  characters: readonly CharacterIntro[] = collectCharacters(script.elements),
): CandidateShot[] {
  const { elements } = script;
  const findMentions = nameMatcher(characters.map((character) => character.name));
  const shots: CandidateShot[] = [];
  let scene: z.infer<typeof SceneContextSchema> | null = null;
  let sceneIndex = 0;
  let shotIndex = 0;
  let charactersInScene: string[] = [];
  let pendingNotes: z.infer<typeof ShotNoteRefSchema>[] = [];
  let slug: string | null = null;
  // Where the scene's dialogue runs, for the coverage shot of a scene without action.
  let dialogueSpan: { line: number; endLine: number } | null = null;
  const addInScene = (name: string): void => {
    if (!charactersInScene.includes(name)) charactersInScene.push(name);
  };
  const closeScene = (): void => {
    if (shotIndex > 0 || !dialogueSpan || charactersInScene.length === 0) return;
    shotIndex++;
    shots.push({
      id: formatShotId(sceneIndex, shotIndex),
      kind: 'coverage',
      slug: null,
      sceneIndex,
      shotIndex,
      text: '',
      ...dialogueSpan,
      scene,
      charactersInScene: [...charactersInScene],
      charactersMentioned: [...charactersInScene],
      speakersAfter: [],
      notes: pendingNotes,
      shotNote: null,
    });
    pendingNotes = [];
  };

  elements.forEach((element, index) => {
    if (element.type === 'scene_heading') {
      const info = parseSceneHeading(element.text);
      if (isSecondarySlug(element, info, scene !== null)) {
        slug = element.text;
        return;
      }
      closeScene();
      sceneIndex++;
      shotIndex = 0;
      charactersInScene = [];
      dialogueSpan = null;
      slug = null;
      const { text: heading, line, sceneNumber } = element;
      scene = { heading, line, sceneNumber, ...info };
    } else if (element.type === 'character') {
      addInScene(element.name);
    } else if (element.type === 'cast') {
      for (const entry of element.entries) addInScene(entry.name);
    } else if (element.type === 'dialogue') {
      dialogueSpan = { line: dialogueSpan?.line ?? element.line, endLine: element.endLine };
    } else if (element.type === 'note') {
      const last = shots.at(-1);
      const insideLast = element.inline && last && element.line >= last.line && element.line <= last.endLine;
      if (insideLast) attachNote(last, element);
      else pendingNotes.push({ text: element.text, line: element.line });
    } else if (element.type === 'action' && !element.centered && !showsNothing(element.text)) {
      shotIndex++;
      const mentioned = [...new Set(findMentions(element.text).map((mention) => mention.name))];
      const shot: CandidateShot = {
        id: formatShotId(sceneIndex, shotIndex),
        kind: 'action',
        slug,
        sceneIndex,
        shotIndex,
        text: element.text,
        line: element.line,
        endLine: element.endLine,
        scene,
        charactersInScene: [...charactersInScene],
        charactersMentioned: mentioned,
        speakersAfter: speakersAfter(elements, index),
        notes: [],
        shotNote: null,
      };
      slug = null;
      for (const note of pendingNotes) attachNote(shot, note);
      pendingNotes = [];
      shots.push(shot);
    }
  });
  closeScene();
  return shots;
}

function attachNote(shot: CandidateShot, note: { text: string; line: number }): void {
  shot.notes.push({ text: note.text, line: note.line });
  shot.shotNote ??= parseShotNote(note.text, note.line);
}

function speakersAfter(elements: ParsedScript['elements'], actionIndex: number): CharacterRef[] {
  const speakers: CharacterRef[] = [];
  for (let index = actionIndex + 1; index < elements.length; index++) {
    const element = elements[index]!;
    if (element.type === 'scene_heading' || element.type === 'transition') break;
    if (element.type === 'action' && !element.centered) break;
    if (element.type === 'character')
      speakers.push({ name: element.name, extensions: [...element.extensions] });
  }
  return speakers;
}
