// Reads the script pane's text (Fountain, Final Draft or plain text) into candidate shots with pre-filled fields.
import { codedText } from '../i18n/coded-text';
import { t } from '../i18n/i18n';
import {
  parseScript,
  ScriptError,
  summarizeNoActionLines,
  type CandidateShot,
  type ScriptFormat,
} from '../../shared/screenplay';
import { prepareScript, type CharacterBible, type ShotDescription } from '../../shared/shots';

/** Where a line taken from the timeline goes, and for how long (markers with a duration). */
export interface LineTiming {
  startTicks: string;
  /** Omitted for point markers: the generate settings' length applies. */
  durationTicks?: string;
}

export interface ScriptSource {
  text: string;
  /** Set when imported from a file: its extension decides the format. */
  fileName?: string;
  /** Lines filled from markers or a transcript are plain text whatever they look like. */
  format?: ScriptFormat;
  /** By 1-based line number, for lines that came from the timeline. */
  timings?: ReadonlyMap<number, LineTiming>;
  /** The user's edits to the character bible; every shot's subject follows them. */
  bible?: CharacterBible | null;
  /** By 1-based line number: ids an editor knows (a marker's name) instead of the parser's `S0-01`. */
  shotIds?: ReadonlyMap<number, string>;
}

export interface ScriptShot {
  /** 1-based source line where the shot's text starts; also the `script-line-<n>` test id. */
  lineNumber: number;
  endLine: number;
  /** `S{scene}-{shot}`, e.g. `S1-03`; takes of one shot share it. */
  shotId: string;
  text: string;
  sceneHeading?: string;
  candidate: CandidateShot;
  /** The fields as the script suggests them, before the user edits anything. */
  prefilled: ShotDescription;
  timing?: LineTiming;
}

export interface ScriptShots {
  format: ScriptFormat | null;
  shots: ScriptShot[];
  /** The script's characters as the shots describe them (edits applied). */
  bible: CharacterBible;
  /** A sentence when the text could not be read at all. */
  error?: string;
  /** Sentences on what was read but is not a shot: no action lines at all, skipped or remapped types. */
  notices?: string[];
}

export function readScriptShots(source: ScriptSource): ScriptShots {
  if (source.text.trim() === '') return { format: null, shots: [], bible: { characters: [] } };
  try {
    const script = parseScript(source.text, {
      ...(source.format && { format: source.format }),
      ...(source.fileName && { fileName: source.fileName }),
    });
    // Prefilled together so weather, time of day and who "he" is carry from shot to shot within a scene.
    const { candidates, descriptions: prefilled, bible } = prepareScript(script, source.bible);
    const shots = candidates.map((candidate, index): ScriptShot => {
      const timing = source.timings?.get(candidate.line);
      return {
        lineNumber: candidate.line,
        endLine: candidate.endLine,
        shotId: source.shotIds?.get(candidate.line) ?? candidate.id,
        text: candidate.text,
        ...(candidate.scene && { sceneHeading: candidate.scene.heading }),
        candidate,
        prefilled: prefilled[index]!,
        ...(timing && { timing }),
      };
    });
    const notices = (script.notices ?? []).map((notice) => codedText('shared', notice));
    if (!candidates.some((candidate) => candidate.kind === 'action'))
      notices.unshift(codedText('shared', summarizeNoActionLines(script, candidates.length)));
    return { format: script.format, shots, bible, ...(notices.length > 0 && { notices }) };
  } catch (err) {
    const detail = err instanceof ScriptError ? codedText('shared', err) : String(err);
    return {
      format: null,
      shots: [],
      bible: { characters: [] },
      error: t('errors.scriptUnreadable', { detail }),
    };
  }
}

/** Shots grouped under their scene heading, in script order, for the list. */
export function groupByScene(
  shots: readonly ScriptShot[],
): { heading: string | null; shots: ScriptShot[] }[] {
  const groups: { heading: string | null; shots: ScriptShot[] }[] = [];
  for (const shot of shots) {
    const heading = shot.sceneHeading ?? null;
    const last = groups.at(-1);
    if (last && last.heading === heading && last.shots[0]?.candidate.sceneIndex === shot.candidate.sceneIndex)
      last.shots.push(shot);
    else groups.push({ heading, shots: [shot] });
  }
  return groups;
}
