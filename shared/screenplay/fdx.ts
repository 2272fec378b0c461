// Final Draft `.fdx` import: the body of the script as Final Draft shows it, read from the XML tree.
import type { ParsedScript, ScriptElement } from './elements';
import { decideType, readElementSettings, styleFlags, type FdxElementStyle } from './fdx-settings';
import { FdxNotices } from './fdx-notices';
import type { FdxTypeInfo } from './fdx-types';
import { matchCharacterCue } from './fountain-lines';
import { ScriptError } from './script-error';
import { childElements, parseXmlTree, type XmlElement } from './xml-tree';

export function parseFdx(xml: string): ParsedScript {
  const root = parseXmlTree(xml);
  if (root.name !== 'FinalDraft') {
    throw new ScriptError(
      'FDX_NOT_FINAL_DRAFT',
      `This file is XML but not a Final Draft script: its root element is <${root.name}>, not <FinalDraft>.`,
      { root: root.name },
    );
  }
  const reader = new BodyReader(readElementSettings(root));
  // Older or hand-made files put paragraphs straight under the root; title page, beats and notes never are.
  const body = childElements(root, 'Content')[0] ?? root;
  for (const paragraph of childElements(body, 'Paragraph')) reader.read(paragraph);
  for (const list of childElements(root, 'ListItems')) reader.notices.beats(countTextParagraphs(list));
  const notices = reader.notices.list();
  return { format: 'fdx', titlePage: [], elements: reader.elements, ...(notices.length > 0 && { notices }) };
}

class BodyReader {
  readonly elements: ScriptElement[] = [];
  readonly notices = new FdxNotices();

  constructor(private readonly settings: ReadonlyMap<string, FdxElementStyle>) {}

  read(paragraph: XmlElement, dualCue = false): void {
    const dual = childElements(paragraph, 'DualDialogue');
    if (dual.length > 0) {
      // Both speeches live in one wrapper paragraph; the second cue is the one Fountain marks with `^`.
      for (const block of dual) {
        let cues = 0;
        for (const inner of childElements(block, 'Paragraph'))
          this.read(inner, inner.attributes['Type'] === 'Character' && cues++ > 0);
      }
      return;
    }
    // Final Draft treats an untyped paragraph as General.
    const type = paragraph.attributes['Type'] ?? 'General';
    const decision = decideType(type, this.settings);
    const text = paragraphText(paragraph, decision.kind === 'read' && decision.allCaps);
    if (decision.kind === 'skip') {
      if (text !== '') this.notices.skipped(type, decision.reason);
    } else if (text !== '') {
      if (decision.via) this.notices.mapped(type, decision.via);
      const element = toElement(decision.info, text, paragraph, dualCue);
      if (element) this.elements.push(element);
    }
    for (const note of childElements(paragraph, 'ScriptNote')) {
      const noteText = childElements(note, 'Paragraph')
        .map((inner) => paragraphText(inner, false))
        .filter((line) => line !== '')
        .join('\n');
      if (noteText !== '')
        this.elements.push({
          type: 'note',
          line: note.line,
          endLine: note.endLine,
          text: noteText,
          inline: true,
        });
    }
  }
}

function toElement(
  info: FdxTypeInfo,
  text: string,
  paragraph: XmlElement,
  dual: boolean,
): ScriptElement | null {
  const at = { line: paragraph.line, endLine: paragraph.endLine };
  switch (info.role) {
    case 'scene_heading':
      return {
        type: 'scene_heading',
        ...at,
        text,
        sceneNumber: paragraph.attributes['Number'] ?? null,
        forced: false,
      };
    case 'character': {
      const cue = matchCharacterCue(text, true);
      // One person however the cue was typed: "Sawyer", "SaWYER" and "SAWYER (V.O.)" are all SAWYER.
      return cue ? { type: 'character', ...at, ...cue, name: cue.name.toUpperCase(), dual } : null;
    }
    case 'parenthetical':
    case 'dialogue':
    case 'lyrics':
    case 'synopsis':
      return { type: info.role, ...at, text };
    case 'transition':
      return { type: 'transition', ...at, text, forced: false };
    case 'section':
      return { type: 'section', ...at, text, depth: info.depth ?? 1 };
    case 'note':
      return { type: 'note', ...at, text, inline: false };
    case 'structure':
      return null;
    case 'action':
      return { type: 'action', ...at, text, forced: false, centered: false };
  }
}

/** The paragraph's `<Text>` runs joined, each shown in capitals where its element or its run says AllCaps. */
function paragraphText(paragraph: XmlElement, allCaps: boolean): string {
  const runs = childElements(paragraph, 'Text');
  const parts = runs.length > 0 ? runs : [paragraph];
  const text = parts
    .map((run) => {
      const raw = run.children.filter((child) => typeof child === 'string').join('');
      return allCaps || styleFlags(run.attributes['Style']).has('AllCaps') ? raw.toUpperCase() : raw;
    })
    .join('');
  return text.trim();
}

function countTextParagraphs(element: XmlElement): number {
  return childElements(element).reduce(
    (count, child) =>
      count +
      (child.name === 'Paragraph' && paragraphText(child, false) !== '' ? 1 : countTextParagraphs(child)),
    0,
  );
}
