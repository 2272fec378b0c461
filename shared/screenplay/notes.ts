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

const NOTE = /\[\[([\s\S]*?)\]\]/g;

/**
 * Notes may span lines but not blank lines (Fountain's rule), so each run of non-blank lines is searched
 * on its own; an unclosed `[[` simply stays as text.
 */
export function extractNotes(input: readonly SourceLine[]): NoteExtraction {
  const lines: SourceLine[] = [];
  const notes: ExtractedNote[] = [];
  let blockStart = 0;
  while (blockStart < input.length) {
    if (isBlankLine(input[blockStart]!.text)) {
      lines.push(input[blockStart]!);
      blockStart++;
      continue;
    }
    let blockEnd = blockStart;
    while (blockEnd < input.length && !isBlankLine(input[blockEnd]!.text)) blockEnd++;
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
  const lineOf = (position: number): number => {
    let index = 0;
    while (index + 1 < lineStarts.length && lineStarts[index + 1]! <= position) index++;
    return index;
  };

  const found: { start: number; end: number; text: string; first: number; last: number }[] = [];
  for (const match of joined.matchAll(NOTE)) {
    const start = match.index;
    const end = start + match[0].length;
    found.push({ start, end, text: match[1]!.trim(), first: lineOf(start), last: lineOf(end - 1) });
  }

  let visible = '';
  let cursor = 0;
  for (const note of found) {
    visible += joined.slice(cursor, note.start);
    // Cutting "a [[x]] b" must not leave a double space where the note was.
    if (visible.endsWith(' ') && joined[note.end] === ' ') visible = visible.slice(0, -1);
    visible += '\n'.repeat(joined.slice(note.start, note.end).split('\n').length - 1);
    cursor = note.end;
  }
  visible += joined.slice(cursor);
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
