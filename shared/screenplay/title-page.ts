// Splits a Fountain title page (`Key: value`, indented continuation lines) from the body of the script.
import type { TitlePageEntry } from './elements';
import { isBlankLine, type SourceLine } from './source-lines';

export interface TitlePageSplit {
  readonly titlePage: TitlePageEntry[];
  readonly body: SourceLine[];
}

const KEY_LINE = /^([^\s:：.!@>#=~[][^:：]{0,39}?)\s*[:：]\s*(.*)$/u;
const CONTINUATION = /^(?:\t| {2,})\S/;

/**
 * The first block counts as a title page only when every line in it is a key or an indented continuation,
 * and a key with no value has continuations: that keeps `FADE IN:` or a stray "Note: ..." in the body.
 */
export function splitTitlePage(lines: readonly SourceLine[]): TitlePageSplit {
  let start = 0;
  while (start < lines.length && isBlankLine(lines[start]!.text)) start++;
  const entries: { key: string; values: string[]; line: number }[] = [];
  let end = start;
  for (; end < lines.length; end++) {
    const text = lines[end]!.text;
    if (isBlankLine(text)) break;
    const last = entries[entries.length - 1];
    if (CONTINUATION.test(text) && last) {
      last.values.push(text.trim());
      continue;
    }
    const key = KEY_LINE.exec(text);
    if (!key) return { titlePage: [], body: [...lines] };
    const value = key[2]!.trim();
    entries.push({ key: key[1]!.trim(), values: value === '' ? [] : [value], line: lines[end]!.line });
  }
  if (entries.length === 0 || entries.some((entry) => entry.values.length === 0)) {
    return { titlePage: [], body: [...lines] };
  }
  return {
    titlePage: entries.map((entry) => ({ key: entry.key, value: entry.values.join('\n'), line: entry.line })),
    body: lines.slice(end),
  };
}
