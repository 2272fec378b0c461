// An independent reading of a Final Draft file for tests: fast-xml-parser and a plain walk of the body,
// so the reader under test is checked against the XML itself, never against its own output.
import { XMLParser } from 'fast-xml-parser';

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

export interface OracleParagraph {
  type: string;
  /** Text runs joined and trimmed, in capitals where the element's settings or the run say AllCaps. */
  text: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  htmlEntities: true,
});

const tagOf = (node: Node): string => Object.keys(node).find((key) => key !== ':@')!;
const childrenOf = (node: Node): Node[] => node[tagOf(node)] as Node[];
const children = (node: Node, tag: string): Node[] =>
  childrenOf(node).filter((child) => tagOf(child) === tag);
const attr = (node: Node, name: string): string | undefined => node[':@']?.[`@_${name}`];
const textOf = (node: Node): string =>
  childrenOf(node)
    .map((child) => (tagOf(child) === '#text' ? String(child['#text']) : ''))
    .join('');

/** Every non-empty body paragraph in order, dual dialogue expanded into its inner paragraphs. */
export function oracleParagraphs(xml: string): OracleParagraph[] {
  const root = (parser.parse(xml) as Node[]).find((node) => tagOf(node) === 'FinalDraft')!;
  const caps = new Set(
    children(root, 'ElementSettings')
      .filter((settings) =>
        children(settings, 'FontSpec').some((font) => /AllCaps/.test(attr(font, 'Style') ?? '')),
      )
      .map((settings) => attr(settings, 'Type')),
  );
  const out: OracleParagraph[] = [];
  const visit = (paragraph: Node): void => {
    const dual = children(paragraph, 'DualDialogue');
    if (dual.length > 0) {
      for (const block of dual) children(block, 'Paragraph').forEach(visit);
      return;
    }
    const type = attr(paragraph, 'Type') ?? 'General';
    const text = children(paragraph, 'Text')
      .map((run) =>
        caps.has(type) || /AllCaps/.test(attr(run, 'Style') ?? '') ? textOf(run).toUpperCase() : textOf(run),
      )
      .join('')
      .trim();
    if (text !== '') out.push({ type, text });
  };
  for (const content of children(root, 'Content')) children(content, 'Paragraph').forEach(visit);
  return out;
}

/** A cue's name as one person: extensions such as `(V.O.)` and `(CONT'D)` dropped, capitals. */
export const oracleCueName = (cue: string): string =>
  cue
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase();
