// Says in one sentence why a script gave no shots, with what it did read, for the CLI and the panel.
import type { ParsedScript } from './elements';

/** `coverageShots`: dialogue-only scenes still give one coverage shot each; the sentence says so. */
export function describeNoActionLines(script: ParsedScript, coverageShots = 0): string {
  const headings = script.elements.filter((element) => element.type === 'scene_heading').length;
  const dialogue = script.elements.filter((element) => element.type === 'character').length;
  const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  return (
    `The script has no action lines to make shots from: it has ` +
    `${count(headings, 'scene heading', 'scene headings')} and ${count(dialogue, 'dialogue block', 'dialogue blocks')}` +
    (coverageShots > 0
      ? `; ${count(coverageShots, 'coverage shot', 'coverage shots')} of the dialogue-only scenes instead.`
      : '.')
  );
}
