// Real Final Draft (and screenplain) files: every Action, Shot and General paragraph is exactly one shot,
// under the right scene, with the right cast; the counts come from a different XML parser, not the reader.
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { extractCandidateShots, parseScript } from '../../../shared/screenplay';
import { fixturePath } from '../../support/fixtures';

// The oracle: fast-xml-parser and a plain walk of the body, independent of the reader under test.
type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

interface OracleParagraph {
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
function oracleParagraphs(xml: string): OracleParagraph[] {
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
const oracleCueName = (cue: string): string =>
  cue
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase();

const REAL_FILES = ['fd-sample-04.fdx', 'fd-sample-06.fdx', 'screenplain-brick-and-steel.fdx'];
const SHOT_TYPES = new Set(['Action', 'Shot', 'General']);

interface ExpectedShot {
  text: string;
  heading: string | null;
  cast: string[];
}

/** Walks the oracle's paragraphs the way a script coordinator reads the page. */
/**
 * Paragraphs a camera cannot film, which issue 12 keeps out of the shots even when typed as Action: the oracle's own
 * short list, not the reader's.
 */
const SHOWS_NOTHING = /^(?:THE END|END|FADE (?:IN|OUT)|FADE TO BLACK|CUT TO BLACK)[.:!]?$/i;

function expectedShots(xml: string): ExpectedShot[] {
  const shots: ExpectedShot[] = [];
  let heading: string | null = null;
  let cast: string[] = [];
  for (const paragraph of oracleParagraphs(xml)) {
    if (paragraph.type === 'Scene Heading') {
      heading = paragraph.text;
      cast = [];
    } else if (paragraph.type === 'Character') {
      const name = oracleCueName(paragraph.text);
      if (!cast.includes(name)) cast.push(name);
    } else if (SHOT_TYPES.has(paragraph.type) && !SHOWS_NOTHING.test(paragraph.text.trim())) {
      shots.push({ text: paragraph.text, heading, cast: [...cast] });
    }
  }
  return shots;
}

function countByType(xml: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { type } of oracleParagraphs(xml)) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

describe.each(REAL_FILES)('%s', (name) => {
  const xml = readFileSync(fixturePath(`fdx/${name}`), 'utf8');
  const script = parseScript(xml, { fileName: name });
  // Action shots only: coverage shots of dialogue-only scenes are not paragraphs of the file.
  const shots = extractCandidateShots(script).filter((shot) => shot.kind === 'action');

  it('makes exactly one shot per Action, Shot and General paragraph, with its text, scene and cast', () => {
    const expected = expectedShots(xml);
    expect(expected.length).toBeGreaterThan(0);
    expect(
      shots.map((shot) => ({
        text: shot.text,
        heading: shot.scene?.heading ?? null,
        cast: shot.charactersInScene,
      })),
    ).toEqual(expected);
  });

  it('reads every other body paragraph as its own element type', () => {
    const counts = countByType(xml);
    const read = (type: string) => script.elements.filter((element) => element.type === type).length;
    expect({
      scene_heading: read('scene_heading'),
      character: read('character'),
      parenthetical: read('parenthetical'),
      dialogue: read('dialogue'),
      transition: read('transition'),
    }).toEqual({
      scene_heading: counts['Scene Heading'] ?? 0,
      character: counts['Character'] ?? 0,
      parenthetical: counts['Parenthetical'] ?? 0,
      dialogue: counts['Dialogue'] ?? 0,
      transition: counts['Transition'] ?? 0,
    });
  });
});

test('both speakers of each dual-dialogue block are cues, and the second is marked dual', () => {
  const xml = readFileSync(fixturePath('fdx/screenplain-brick-and-steel.fdx'), 'utf8');
  const blocks = xml
    .split('<DualDialogue>')
    .slice(1)
    .map((block) => block.split('</DualDialogue>')[0]!);
  expect(blocks.length).toBeGreaterThan(0);
  const cues = parseScript(xml, { format: 'fdx' }).elements.filter((element) => element.type === 'character');
  const dualNames = cues.filter((cue) => cue.dual).map((cue) => cue.name);
  // The right-hand speaker of each block, taken from the raw text of the block.
  const secondSpeakers = blocks.map((block) =>
    oracleCueName([...block.matchAll(/<Text>([^<]*)<\/Text>/g)][2]![1]!),
  );
  expect(dualNames).toEqual(secondSpeakers);
});
