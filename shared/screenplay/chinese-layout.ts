// The common mainland Chinese script layout: `第1场 城市天台 夜 外`, a `人物：` cast line, `△` action lines,
// `名字：（表情）台词` dialogue and transitions ending `到：`/`至：`. Lines need no blank lines between them.
import type { ParsedScript, ScriptElement } from './elements';
import { isTransitionLine, matchSceneHeading } from './fountain-lines';
import { expandTabs, splitSourceLines } from './source-lines';

const ACTION_MARK = /^[△▲]\s*/u;
const CAST_LINE = /^(?:人物|出场人物|登场人物)\s*[:：]\s*(.*)$/u;
/** `林队长（画外音）：（低声）走。`: name, an optional extension before the colon, a parenthetical after it. */
const DIALOGUE_LINE =
  /^([\p{Script=Han}A-Za-z·]{1,8})\s*(?:[(（]([^)）]*)[)）])?\s*[:：]\s*(?:([(（][^)）]*[)）]))?\s*(.*)$/u;
/** Captions and on-screen text: printed, not filmed, so never a shot. */
const CAPTION_LINE = /^(?:字幕|黑场|片名|标题)\s*[:：]/u;

/** Names in a cast line, split on the list marks; a description in brackets stays with its name. */
export function splitCastNames(list: string): { name: string; note: string }[] {
  const entries: { name: string; note: string }[] = [];
  for (const match of list.matchAll(/([^、，,；;（(\s]+)\s*(?:[(（]([^)）]*)[)）])?/gu)) {
    entries.push({ name: match[1]!.trim(), note: (match[2] ?? '').trim() });
  }
  return entries.filter((entry) => entry.name !== '');
}

export function parseChineseLayout(text: string): ParsedScript {
  const elements: ScriptElement[] = [];
  for (const source of splitSourceLines(text)) {
    const trimmed = expandTabs(source.text).trim();
    if (trimmed === '') continue;
    const at = { line: source.line, endLine: source.line };
    const heading = matchSceneHeading(trimmed);
    if (heading && !heading.forced) {
      elements.push({ type: 'scene_heading', ...at, ...heading });
      continue;
    }
    const cast = CAST_LINE.exec(trimmed);
    if (cast) {
      elements.push({ type: 'cast', ...at, text: cast[1]!.trim(), entries: splitCastNames(cast[1]!) });
      continue;
    }
    if (isTransitionLine(trimmed)) {
      elements.push({ type: 'transition', ...at, text: trimmed, forced: false });
      continue;
    }
    const marked = ACTION_MARK.exec(trimmed);
    const dialogue = marked || CAPTION_LINE.test(trimmed) ? null : DIALOGUE_LINE.exec(trimmed);
    if (dialogue) {
      const [, name, extension, parenthetical, speech] = dialogue;
      elements.push({
        type: 'character',
        ...at,
        text: extension ? `${name}（${extension}）` : name!,
        name: name!,
        extensions: extension ? [extension.trim()] : [],
        dual: false,
        forced: false,
      });
      if (parenthetical) elements.push({ type: 'parenthetical', ...at, text: parenthetical });
      if (speech!.trim() !== '') elements.push({ type: 'dialogue', ...at, text: speech!.trim() });
      continue;
    }
    const body = marked ? trimmed.slice(marked[0].length) : trimmed;
    elements.push({
      type: 'action',
      ...at,
      text: body,
      forced: false,
      centered: CAPTION_LINE.test(trimmed),
    });
  }
  return { format: 'chinese', titlePage: [], elements };
}
