// Says in one sentence why a script gave no shots, with what it did read, for the CLI and the panel.
import type { CodedSentence } from '../errors/coded-error';
import type { ParsedScript } from './elements';

/** The summary's codes: with or without the coverage shots made of dialogue-only scenes. */
export const NO_ACTION_CODES = ['SCRIPT_NO_ACTION', 'SCRIPT_NO_ACTION_COVERAGE'] as const;

/** `coverageShots`: dialogue-only scenes still give one coverage shot each; the sentence says so. */
export function summarizeNoActionLines(
  script: ParsedScript,
  coverageShots = 0,
): CodedSentence<(typeof NO_ACTION_CODES)[number]> {
  const headings = script.elements.filter((element) => element.type === 'scene_heading').length;
  const dialogue = script.elements.filter((element) => element.type === 'character').length;
  const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  const message =
    `The script has no action lines to make shots from: it has ` +
    `${count(headings, 'scene heading', 'scene headings')} and ${count(dialogue, 'dialogue block', 'dialogue blocks')}` +
    (coverageShots > 0
      ? `; ${count(coverageShots, 'coverage shot', 'coverage shots')} of the dialogue-only scenes instead.`
      : '.');
  return {
    code: coverageShots > 0 ? 'SCRIPT_NO_ACTION_COVERAGE' : 'SCRIPT_NO_ACTION',
    message,
    params: { headings, dialogue, coverage: coverageShots },
  };
}

/** The English sentence alone, for the CLI. */
export function describeNoActionLines(script: ParsedScript, coverageShots = 0): string {
  return summarizeNoActionLines(script, coverageShots).message;
}
