// An XML document as a small tree (elements, text, source lines), built from saxes' events.
import { SaxesParser } from 'saxes';
import { ScriptError } from './script-error';

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlNode[];
  /** 1-based line of the `<` that opens the element. */
  readonly line: number;
  /** 1-based line of its closing tag (or of the `/>`). */
  endLine: number;
}

/** Text nodes are plain strings: entities decoded, CDATA kept verbatim, line breaks normalised to `\n`. */
export type XmlNode = XmlElement | string;

export function parseXmlTree(xml: string): XmlElement {
  // No namespaces: Final Draft uses none, and a stray prefix must not make a user's file unreadable.
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  const open: XmlElement[] = [];
  let root: XmlElement | null = null;
  let tagLine = 1;
  let failure: Error | null = null;
  parser.on('error', (err) => {
    failure ??= err;
  });
  parser.on('opentagstart', () => {
    tagLine = parser.line;
  });
  parser.on('opentag', (tag) => {
    const element: XmlElement = {
      name: tag.name,
      attributes: tag.attributes,
      children: [],
      line: tagLine,
      endLine: parser.line,
    };
    open.at(-1)?.children.push(element);
    root ??= element;
    open.push(element);
  });
  parser.on('closetag', () => {
    open.pop()!.endLine = parser.line;
  });
  const addText = (text: string): void => {
    open.at(-1)?.children.push(text);
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.write(xml).close();
  if (failure || !root) {
    // saxes words its messages as "line:column: problem".
    const detail = failure ? (failure as Error).message : 'the file has no root element';
    throw new ScriptError('FDX_MALFORMED', `This Final Draft file is not well-formed XML (${detail}).`, {
      detail,
    });
  }
  return root;
}

export function childElements(element: XmlElement, name?: string): XmlElement[] {
  return element.children.filter(
    (child): child is XmlElement => typeof child !== 'string' && (name === undefined || child.name === name),
  );
}
