// One entry point for every script format, sniffing the format when the caller does not say.
import { ScriptFormatSchema, type ParsedScript, type ScriptFormat } from './elements';
import { parseChineseLayout } from './chinese-layout';
import { parseFdx } from './fdx';
import { parseFountain } from './fountain';
import {
  CHINESE_SCENE_NUMBER,
  isTransitionLine,
  matchCharacterCue,
  matchSceneHeading,
} from './fountain-lines';
import { parsePlainText } from './plain-text';
import { isBlankLine, splitSourceLines } from './source-lines';
import { splitTitlePage } from './title-page';

const SCRIPT_PARSERS: Readonly<Record<ScriptFormat, (text: string) => ParsedScript>> = Object.freeze({
  fountain: parseFountain,
  text: parsePlainText,
  fdx: parseFdx,
  chinese: parseChineseLayout,
});

export interface ParseScriptOptions {
  /** Skips sniffing. */
  format?: ScriptFormat;
  /** Used only for sniffing: `.fountain`/`.spmd` and `.fdx` decide the format. */
  fileName?: string;
}

export function parseScript(text: string, options: ParseScriptOptions = {}): ParsedScript {
  if (options.format !== undefined && !ScriptFormatSchema.safeParse(options.format).success) {
    throw new Error(
      `parseScript: options.format must be one of ${ScriptFormatSchema.options.join(', ')} (got ${JSON.stringify(options.format)})`,
    );
  }
  const format = options.format ?? sniffScriptFormat(text, options.fileName);
  return SCRIPT_PARSERS[format](text);
}

/**
 * Plain text is the fallback: a list of shots with no Fountain markers must not be glued into paragraphs,
 * so Fountain is chosen only when the text shows something only Fountain would write.
 */
const MAINLAND_MARK = new RegExp(`${CHINESE_SCENE_NUMBER.source}|^[△▲]|^人物\\s*[:：]`, 'u');

export function sniffScriptFormat(text: string, fileName?: string): ScriptFormat {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
  if (extension === 'fdx') return 'fdx';
  if (extension === 'fountain' || extension === 'spmd') return 'fountain';
  if (/^\uFEFF?\s*(?:<\?xml[^>]*>\s*)?<FinalDraft\b/.test(text)) return 'fdx';
  const lines = splitSourceLines(text);
  // The mainland layout is told by its own marks, which no Fountain or plain-text list would use.
  if (lines.some((source) => MAINLAND_MARK.test(source.text.trim()))) return 'chinese';
  if (splitTitlePage(lines).titlePage.length > 0) return 'fountain';
  if (text.includes('[[') || text.includes('/*')) return 'fountain';
  for (let index = 0; index < lines.length; index++) {
    const trimmed = lines[index]!.text.trim();
    if (trimmed === '') continue;
    const afterBlank = index === 0 || isBlankLine(lines[index - 1]!.text);
    if (!afterBlank) continue;
    const beforeText = index + 1 < lines.length && !isBlankLine(lines[index + 1]!.text);
    if (matchSceneHeading(trimmed) && !/^\.\s/.test(trimmed)) return 'fountain';
    if (isTransitionLine(trimmed)) return 'fountain';
    if (beforeText && matchCharacterCue(trimmed)) return 'fountain';
  }
  return 'text';
}
