// Plain text import: every non-empty line is one action, so every line becomes one shot.
import type { ParsedScript } from './elements';
import { expandTabs, splitSourceLines } from './source-lines';

export function parsePlainText(text: string): ParsedScript {
  const elements: ParsedScript['elements'] = [];
  for (const source of splitSourceLines(text)) {
    const trimmed = expandTabs(source.text).trim();
    if (trimmed === '') continue;
    elements.push({
      type: 'action',
      line: source.line,
      endLine: source.line,
      text: trimmed,
      forced: false,
      centered: false,
    });
  }
  return { format: 'text', titlePage: [], elements };
}
