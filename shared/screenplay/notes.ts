// Pulls Fountain notes `[[...]]` out of the lines, remembering where they were and whether they stood alone.
import { isBlankLine, type SourceLine } from './source-lines';

export interface ExtractedNote {
  readonly text: string;
  readonly line: number;
  readonly endLine: number;
  readonly inline: boolean;
}

export interface NoteExtraction {
  /** Lines with notes cut out; lines that held nothing but notes are dropped. */
  readonly lines: SourceLine[];
  readonly notes: ExtractedNote[];
}

/** Fountain keeps a note (like dialogue) going across a line of exactly two spaces. */
const endsBlock = (text: string): boolean => text !== '  ' && isBlankLine(text);

/**
 * Notes may span lines but not blank lines (Fountain's rule), so each run of non-blank lines is searched
 * on its own; an unclosed `[[` simply stays as text.
 */
export function extractNotes(input: readonly SourceLine[]): NoteExtraction {
  const lines: SourceLine[] = [];
  const notes: ExtractedNote[] = [];
  let blockStart = 0;
  while (blockStart < input.length) {
    if (endsBlock(input[blockStart]!.text)) {
      lines.push(input[blockStart]!);
      blockStart++;
      continue;
    }
    let blockEnd = blockStart;
    while (blockEnd < input.length && !endsBlock(input[blockEnd]!.text)) blockEnd++;
    const block = input.slice(blockStart, blockEnd);
    if (block.some((source) => source.text.includes('[['))) {
      extractFromBlock(block, lines, notes);
    } else {
      lines.push(...block);
    }
    blockStart = blockEnd;
  }
  return { lines, notes };
}

function extractFromBlock(block: readonly SourceLine[], lines: SourceLine[], notes: ExtractedNote[]): void {
  const joined = block.map((source) => source.text).join('\n');
  const lineStarts: number[] = [];
  let offset = 0;
  for (const source of block) {
    lineStarts.push(offset);
    offset += source.text.length + 1;
  }
  // Matches come in text order, so one cursor that only moves forward finds every line: linear overall,
  // even for thousands of notes in one paragraph.
  let cursorLine = 0;
  const lineOf = (position: number): number => {
    while (cursorLine + 1 < lineStarts.length && lineStarts[cursorLine + 1]! <= position) cursorLine++;
    return cursorLine;
  };

  const found: { start: number; end: number; text: string; first: number; last: number }[] = [];
  // A scan with indexOf rather than a lazy regex: with an unclosed `[[` the regex would rescan the rest of
  // the paragraph from every later `[[`, which is quadratic.
  for (let start = joined.indexOf('[['); start >= 0; start = joined.indexOf('[[', start)) {
    const close = joined.indexOf(']]', start + 2);
    if (close < 0) break;
    const end = close + 2;
    const text = joined.slice(start + 2, close).trim();
    found.push({ start, end, text, first: lineOf(start), last: lineOf(end - 1) });
    start = end;
  }

  // Parts in an array, not `visible +=` with `endsWith`: that would flatten a growing string once per note.
  const parts: string[] = [];
  let cursor = 0;
  for (const note of found) {
    let before = joined.slice(cursor, note.start);
    // Cutting "a [[x]] b" must not leave a double space where the note was.
    if (joined[note.start - 1] === ' ' && note.start > cursor && joined[note.end] === ' ')
      before = before.slice(0, -1);
    parts.push(before, '\n'.repeat(note.last - note.first));
    cursor = note.end;
  }
  parts.push(joined.slice(cursor));
  const visible = parts.join('');
  const visibleLines = visible.split('\n');

  const touched = new Set<number>();
  for (const note of found) for (let index = note.first; index <= note.last; index++) touched.add(index);

  block.forEach((source, index) => {
    const text = visibleLines[index] ?? '';
    if (touched.has(index) && isBlankLine(text)) return;
    lines.push(touched.has(index) ? { text: text.trimEnd(), line: source.line } : source);
  });
  for (const note of found) {
    let inline = false;
    for (let index = note.first; index <= note.last; index++) {
      if (!isBlankLine(visibleLines[index] ?? '')) inline = true;
    }
    notes.push({ text: note.text, line: block[note.first]!.line, endLine: block[note.last]!.line, inline });
  }
}
