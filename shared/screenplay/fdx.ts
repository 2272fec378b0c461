// Final Draft `.fdx` import for the paragraph types a shot list needs; tolerant regex scan, no XML library.
import type { ParsedScript, ScriptElement } from './elements';
import { matchCharacterCue } from './fountain-lines';
import { readXmlAttribute, xmlFragmentText } from './xml-text';

const PARAGRAPH = /<Paragraph\b([^>]*?)(?:\/>|>([\s\S]*?)<\/Paragraph\s*>)/g;
const TEXT_RUN = /<Text\b[^>]*?(?:\/>|>([\s\S]*?)<\/Text\s*>)/g;
/** Blocks that hold paragraphs or text which are not part of the script's body. */
const NOT_BODY =
  /<(TitlePage|SceneProperties|ScriptNote|ScriptNotes|HeaderAndFooter)\b(?:[^>]*\/>|[^>]*>[\s\S]*?<\/\1\s*>)/g;

export function parseFdx(xml: string): ParsedScript {
  // Blanking (not cutting) keeps every offset, so line numbers still point into the user's file.
  const body = xml.replace(NOT_BODY, (block) => block.replace(/[^\n]/g, ' '));
  const lineStarts = lineStartOffsets(body);
  const elements: ScriptElement[] = [];
  for (const match of body.matchAll(PARAGRAPH)) {
    const text = paragraphText(match[2] ?? '');
    if (text === '') continue;
    const firstLine = lineAt(lineStarts, match.index);
    const at = { line: firstLine, endLine: lineAt(lineStarts, match.index + match[0].length - 1) };
    elements.push(toElement(readXmlAttribute(match[1] ?? '', 'Type') ?? '', text, at, match[1] ?? ''));
  }
  return { format: 'fdx', titlePage: [], elements };
}

function toElement(
  type: string,
  text: string,
  at: { line: number; endLine: number },
  attributes: string,
): ScriptElement {
  switch (type) {
    case 'Scene Heading':
      return {
        type: 'scene_heading',
        ...at,
        text,
        sceneNumber: readXmlAttribute(attributes, 'Number'),
        forced: false,
      };
    case 'Character': {
      const cue = matchCharacterCue(text, true);
      if (cue) return { type: 'character', ...at, ...cue, forced: false };
      break;
    }
    case 'Parenthetical':
      return { type: 'parenthetical', ...at, text };
    case 'Dialogue':
      return { type: 'dialogue', ...at, text };
    case 'Transition':
      return { type: 'transition', ...at, text, forced: false };
  }
  // Action, General, Shot and anything newer: text the camera may see, so keep it as action.
  return { type: 'action', ...at, text, forced: false, centered: false };
}

function paragraphText(body: string): string {
  const runs = [...body.matchAll(TEXT_RUN)];
  const raw =
    runs.length > 0 ? runs.map((run) => xmlFragmentText(run[1] ?? '')).join('') : xmlFragmentText(body);
  return raw.replace(/\r\n?/g, '\n').trim();
}

function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1))
    starts.push(index + 1);
  return starts;
}

function lineAt(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}
