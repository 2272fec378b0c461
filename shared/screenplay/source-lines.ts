// Raw text to numbered lines: BOM and CR/CRLF handled, boneyard `/* */` removed without shifting line numbers.

export interface SourceLine {
  readonly text: string;
  /** 1-based line number in the original file. */
  readonly line: number;
}

export function splitSourceLines(text: string): SourceLine[] {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (withoutBom === '') return [];
  return withoutBom.split(/\r\n|\r|\n/).map((lineText, index) => ({ text: lineText, line: index + 1 }));
}

export function isBlankLine(text: string): boolean {
  return text.trim() === '';
}

/** Fountain asks for tabs to count as four spaces; doing it once keeps indentation checks simple. */
export function expandTabs(text: string): string {
  return text.includes('\t') ? text.replace(/\t/g, '    ') : text;
}

/**
 * A boneyard inside one line is cut out in place, so it neither splits a paragraph nor creates one. A boneyard
 * over several lines stands where the writer cut whole elements: it leaves one blank line, or the elements on
 * either side (a transition and the next heading) would be glued into one action. An unclosed `/*` is kept as
 * literal text: one stray marker must not swallow the script.
 */
export function removeBoneyard(lines: readonly SourceLine[]): SourceLine[] {
  const kept: SourceLine[] = [];
  let inside = false;
  let openedAt = { keptLength: 0, lineIndex: 0 };
  let spannedLines = false;
  for (let index = 0; index < lines.length; index++) {
    const source = lines[index]!;
    if (!inside && !source.text.includes('/*')) {
      kept.push(source);
      continue;
    }
    if (inside) spannedLines = true;
    let rest = source.text;
    let visible = '';
    while (rest.length > 0) {
      if (inside) {
        const end = rest.indexOf('*/');
        if (end < 0) break;
        rest = rest.slice(end + 2);
        inside = false;
      } else {
        const start = rest.indexOf('/*');
        if (start < 0) {
          visible += rest;
          break;
        }
        visible += rest.slice(0, start);
        rest = rest.slice(start + 2);
        inside = true;
        openedAt = { keptLength: kept.length, lineIndex: index };
      }
    }
    const closedOverLines = spannedLines && !inside;
    if (closedOverLines && !isBlankLine(kept.at(-1)?.text ?? '')) kept.push({ text: '', line: source.line });
    if (!isBlankLine(visible)) kept.push({ text: visible, line: source.line });
    if (!inside) spannedLines = false;
  }
  if (inside) {
    kept.length = openedAt.keptLength;
    kept.push(...lines.slice(openedAt.lineIndex));
  }
  return kept;
}
