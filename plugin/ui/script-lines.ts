// Splits pasted script text into shots: every non-empty line is one shot, numbered by its line in the text.

export interface ScriptLine {
  /** 1-based line number in the pasted text; also the `script-line-<n>` test id. */
  lineNumber: number;
  text: string;
  shotId: string;
}

export function shotIdForLine(lineNumber: number): string {
  return `L${String(lineNumber).padStart(3, '0')}`;
}

export function splitScript(text: string): ScriptLine[] {
  return text.split(/\r\n|\r|\n/).flatMap((raw, index) => {
    const line = raw.trim();
    return line ? [{ lineNumber: index + 1, text: line, shotId: shotIdForLine(index + 1) }] : [];
  });
}
