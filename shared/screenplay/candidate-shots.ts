// Turns a parsed script into candidate shots: one per action paragraph, with its scene and people around it.
import { z } from 'zod';
import type { ActionElement, CharacterElement, ParsedScript } from './elements';
import { SceneHeadingInfoSchema, parseSceneHeading } from './scene-heading';
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
  sceneIndex: z.number().int().min(0),
  shotIndex: z.number().int().min(1),
  /** The action paragraph as written. */
  text: z.string(),
  line: z.number().int().min(1),
  endLine: z.number().int().min(1),
  scene: SceneContextSchema.nullable(),
  /** Names of the cues heard in this scene before the shot, in order of first cue. */
  charactersInScene: z.array(z.string()),
  /** Cue names (from anywhere in the script) that the action text mentions, in order of mention. */
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

export function extractCandidateShots(script: ParsedScript): CandidateShot[] {
  const { elements } = script;
  const findMentions = mentionFinder(
    elements.filter((el): el is CharacterElement => el.type === 'character'),
  );
  const shots: CandidateShot[] = [];
  let scene: z.infer<typeof SceneContextSchema> | null = null;
  let sceneIndex = 0;
  let shotIndex = 0;
  let charactersInScene: string[] = [];
  let pendingNotes: z.infer<typeof ShotNoteRefSchema>[] = [];

  elements.forEach((element, index) => {
    if (element.type === 'scene_heading') {
      sceneIndex++;
      shotIndex = 0;
      charactersInScene = [];
      const { text: heading, line, sceneNumber } = element;
      scene = { heading, line, sceneNumber, ...parseSceneHeading(heading) };
    } else if (element.type === 'character') {
      if (!charactersInScene.includes(element.name)) charactersInScene.push(element.name);
    } else if (element.type === 'note') {
      const last = shots.at(-1);
      const insideLast = element.inline && last && element.line >= last.line && element.line <= last.endLine;
      if (insideLast) attachNote(last, element);
      else pendingNotes.push({ text: element.text, line: element.line });
    } else if (element.type === 'action' && !element.centered) {
      shotIndex++;
      const shot: CandidateShot = {
        id: formatShotId(sceneIndex, shotIndex),
        sceneIndex,
        shotIndex,
        text: element.text,
        line: element.line,
        endLine: element.endLine,
        scene,
        charactersInScene: [...charactersInScene],
        charactersMentioned: findMentions(element.text),
        speakersAfter: speakersAfter(elements, index),
        notes: [],
        shotNote: null,
      };
      for (const note of pendingNotes) attachNote(shot, note);
      pendingNotes = [];
      shots.push(shot);
    }
  });
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

/** Latin names match whole words in any case; CJK names, having no word breaks, match as substrings. */
function mentionFinder(cues: readonly CharacterElement[]): (text: ActionElement['text']) => string[] {
  const names = [...new Set(cues.map((cue) => cue.name))];
  const matchers = names.map((name) => {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = /^[\p{Script=Latin}\p{N}\s'.-]+$/u.test(name)
      ? new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu')
      : new RegExp(escaped, 'u');
    return { name, pattern };
  });
  return (text) =>
    matchers
      .map(({ name, pattern }) => ({ name, at: pattern.exec(text)?.index ?? -1 }))
      .filter((mention) => mention.at >= 0)
      .sort((a, b) => a.at - b.at)
      .map((mention) => mention.name);
}
