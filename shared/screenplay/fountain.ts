// Fountain (https://fountain.io/syntax) to script elements, with 1-based source line numbers kept.
import type { ParsedScript, ScriptElement } from './elements';
import {
  isParentheticalLine,
  isTransitionLine,
  matchCharacterCue,
  matchSceneHeading,
} from './fountain-lines';
import { extractNotes, type ExtractedNote } from './notes';
import { expandTabs, isBlankLine, removeBoneyard, splitSourceLines, type SourceLine } from './source-lines';
import { splitTitlePage } from './title-page';

export function parseFountain(text: string): ParsedScript {
  const visible = removeBoneyard(splitSourceLines(text));
  const { titlePage, body } = splitTitlePage(visible);
  const { lines, notes } = extractNotes(body);
  const elements = markDualDialogue(parseBody(lines));
  return { format: 'fountain', titlePage, elements: mergeNotes(elements, notes) };
}

/** `^` sits on the second cue only, but both speakers of a dual-dialogue pair talk at once. */
function markDualDialogue(elements: ScriptElement[]): ScriptElement[] {
  let previousCue: (ScriptElement & { type: 'character' }) | null = null;
  for (const element of elements) {
    if (element.type === 'character') {
      if (element.dual && previousCue) previousCue.dual = true;
      previousCue = element;
    } else if (element.type !== 'dialogue' && element.type !== 'parenthetical' && element.type !== 'lyrics') {
      previousCue = null;
    }
  }
  return elements;
}

/** Lines whose first character alone decides what they are, wherever they stand. */
function matchMarkedLine(trimmed: string, source: SourceLine): ScriptElement | null {
  const at = { line: source.line, endLine: source.line };
  if (/^={3,}$/.test(trimmed)) return { type: 'page_break', ...at, text: trimmed };
  if (trimmed.startsWith('#')) {
    const depth = /^#+/.exec(trimmed)![0].length;
    // `## Act one ##`: closing hashes are decoration, not part of the title.
    return { type: 'section', ...at, depth, text: trimmed.slice(depth).replace(/#+$/, '').trim() };
  }
  if (/^=(?!=)/.test(trimmed)) return { type: 'synopsis', ...at, text: trimmed.slice(1).trim() };
  if (trimmed.startsWith('~')) return { type: 'lyrics', ...at, text: trimmed.slice(1).trimStart() };
  if (trimmed.startsWith('>') && trimmed.endsWith('<') && trimmed.length > 1) {
    const inner = trimmed.slice(1, -1).trim();
    return { type: 'action', ...at, text: inner, forced: false, centered: true };
  }
  if (trimmed.startsWith('>'))
    return { type: 'transition', ...at, text: trimmed.slice(1).trim(), forced: true };
  return null;
}

function parseBody(lines: readonly SourceLine[]): ScriptElement[] {
  const elements: ScriptElement[] = [];
  const blankAt = (index: number): boolean =>
    index < 0 || index >= lines.length || isBlankLine(lines[index]!.text);
  let index = 0;
  while (index < lines.length) {
    const source = lines[index]!;
    const trimmed = source.text.trim();
    if (trimmed === '') {
      index++;
      continue;
    }
    const marked = matchMarkedLine(trimmed, source);
    if (marked) {
      elements.push(marked);
      index++;
      continue;
    }
    const at = { line: source.line, endLine: source.line };
    // Headings, transitions and cues need a blank line before them; `!` forces action instead.
    if (blankAt(index - 1) && !trimmed.startsWith('!')) {
      const heading = matchSceneHeading(trimmed);
      if (heading) {
        elements.push({ type: 'scene_heading', ...at, ...heading });
        index++;
        continue;
      }
      if (blankAt(index + 1) && isTransitionLine(trimmed)) {
        elements.push({ type: 'transition', ...at, text: trimmed, forced: false });
        index++;
        continue;
      }
      const cue = trimmed.startsWith('@') || !blankAt(index + 1) ? matchCharacterCue(trimmed) : null;
      if (cue) {
        elements.push({ type: 'character', ...at, ...cue });
        index = parseDialogue(lines, index + 1, elements);
        continue;
      }
    }
    index = parseActionParagraph(lines, index, elements);
  }
  return elements;
}

/** Returns the index of the first line after the dialogue block. */
function parseDialogue(lines: readonly SourceLine[], start: number, elements: ScriptElement[]): number {
  let speech: SourceLine[] = [];
  const flushSpeech = (): void => {
    if (speech.length === 0) return;
    const text = speech.map((source) => source.text).join('\n');
    elements.push({ type: 'dialogue', line: speech[0]!.line, endLine: speech.at(-1)!.line, text });
    speech = [];
  };
  let index = start;
  for (; index < lines.length; index++) {
    const source = lines[index]!;
    const trimmed = source.text.trim();
    if (trimmed === '') {
      // Fountain keeps a dialogue going across a line of exactly two spaces.
      if (source.text !== '  ') break;
      speech.push({ text: '', line: source.line });
      continue;
    }
    const at = { line: source.line, endLine: source.line };
    if (isParentheticalLine(trimmed)) {
      flushSpeech();
      elements.push({ type: 'parenthetical', ...at, text: trimmed });
    } else if (trimmed.startsWith('~')) {
      flushSpeech();
      elements.push({ type: 'lyrics', ...at, text: trimmed.slice(1).trimStart() });
    } else {
      speech.push({ text: trimmed, line: source.line });
    }
  }
  flushSpeech();
  return index;
}

/** Consecutive action lines form one paragraph: one element, one candidate shot. */
function parseActionParagraph(
  lines: readonly SourceLine[],
  start: number,
  elements: ScriptElement[],
): number {
  const forced = lines[start]!.text.trimStart().startsWith('!');
  const texts: string[] = [];
  let index = start;
  for (; index < lines.length; index++) {
    const source = lines[index]!;
    const trimmed = source.text.trim();
    if (trimmed === '') break;
    if (index > start && matchMarkedLine(trimmed, source)) break;
    texts.push(expandTabs(source.text.replace(/^(\s*)!/, '$1')).trimEnd());
  }
  elements.push({
    type: 'action',
    line: lines[start]!.line,
    endLine: lines[index - 1]!.line,
    text: texts.join('\n'),
    forced,
    centered: false,
  });
  return index;
}

/** Notes go back in source order; a note on the same line as an element follows it. */
function mergeNotes(elements: ScriptElement[], notes: readonly ExtractedNote[]): ScriptElement[] {
  if (notes.length === 0) return elements;
  const noteElements: ScriptElement[] = notes.map((note) => ({ type: 'note', ...note }));
  return [...elements, ...noteElements].sort((a, b) => a.line - b.line);
}
