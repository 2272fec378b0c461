// One minimal Final Draft file per defect of issue 23, and the same files with a byte-order mark and CRLF.
import { readFileSync } from 'node:fs';
import {
  extractCandidateShots,
  parseScript,
  ScriptError,
  type ParsedScript,
} from '../../../shared/screenplay';
import { compileShotPrompt, prefillShots } from '../../../shared/shots';
import { fixturePath } from '../../support/fixtures';

const minimal = (name: string): string => readFileSync(fixturePath(`fdx/minimal/${name}`), 'utf8');
const read = (name: string): ParsedScript => parseScript(minimal(name), { fileName: name });
// Action shots only: a dialogue-only scene's coverage shot (issue 12) is not a paragraph of the file.
const shotTexts = (script: ParsedScript) =>
  extractCandidateShots(script)
    .filter((shot) => shot.kind === 'action')
    .map((shot) => shot.text);
const notices = (script: ParsedScript) =>
  (script.notices ?? []).map(({ code, type, count }) => [code, type, count]);

describe('Final Draft files as Final Draft writes them', () => {
  test('Beat Board and Story Map items after the body are never shots, and are counted once', () => {
    const script = read('beats.fdx');
    expect(shotTexts(script)).toEqual(['The lamp turns.']);
    expect(notices(script)).toEqual([['FDX_BEATS_SKIPPED', null, 2]]);
    expect(script.notices![0]!.message).toBe(
      '2 Beat Board and Story Map items were not read as shots: they are outline, not script.',
    );
  });

  test('dual dialogue: both speakers and both speeches, the second cue marked dual', () => {
    const script = read('dual-dialogue.fdx');
    expect(script.elements.map((element) => [element.type, element.text])).toEqual([
      ['scene_heading', 'INT. KITCHEN - DAY'],
      ['action', 'The kettle screams.'],
      ['character', 'MARA'],
      ['dialogue', 'Get it!'],
      ['character', 'KAI'],
      ['parenthetical', '(at once)'],
      ['dialogue', 'You get it!'],
      ['action', 'Neither moves.'],
    ]);
    const cues = script.elements.filter((element) => element.type === 'character');
    expect(cues.map((cue) => [cue.name, cue.dual])).toEqual([
      ['MARA', false],
      ['KAI', true],
    ]);
    const [before, after] = extractCandidateShots(script);
    expect(before!.speakersAfter.map((speaker) => speaker.name)).toEqual(['MARA', 'KAI']);
    expect(after!.charactersInScene).toEqual(['MARA', 'KAI']);
  });

  // Final Draft's own settings paginate Shot as a Scene Heading and Cast List as Action: names decide.
  test('act structure, outline, summary, notes and lyrics are not shots; acts and outline are sections', () => {
    const script = read('structure.fdx');
    expect(shotTexts(script)).toEqual([
      'Kai runs to the edge.',
      'CLOSE ON THE CRATES',
      'Dawn over the water.',
    ]);
    expect(
      script.elements
        .filter((element) => element.type === 'section')
        .map((element) => [element.type === 'section' && element.depth, element.text]),
    ).toEqual([
      [1, 'COLD OPEN'],
      [1, "Kai's last job"],
      [1, 'ACT ONE'],
      [2, 'The chase'],
      [2, 'Mara follows'],
      [3, 'The dock'],
      [4, 'Crates'],
      [1, 'ACT TWO'],
    ]);
    const kinds = (type: string) =>
      script.elements.filter((element) => element.type === type).map((e) => e.text);
    expect(kinds('synopsis')).toEqual(['Kai is cornered on the roof.']);
    expect(kinds('lyrics')).toEqual(['Row, row, row your boat']);
    expect(kinds('note')).toEqual(['Check the permit for the dock.']);
    // Show title, cast list, act info and end-of-act cards are furniture: no element at all.
    expect(script.elements.map((element) => element.text)).not.toEqual(
      expect.arrayContaining(['KAI, MARA', 'END OF COLD OPEN', 'Act One']),
    );
    // A Note element is the writer's note on what follows: it reaches the next shot.
    expect(extractCandidateShots(script)[1]!.notes.map((note) => note.text)).toEqual([
      'Check the permit for the dock.',
    ]);
    expect(script.notices).toBeUndefined();
  });

  test("a template's own types: read by pagination, hidden ones skipped, unknown ones reported once", () => {
    const script = read('custom-types.fdx');
    const shots = extractCandidateShots(script);
    expect(shots.map((shot) => [shot.scene?.heading, shot.text])).toEqual([
      ['INT. COCINA - NOCHE', 'Lucía enciende la luz.'],
      ['INT. COCINA - NOCHE', 'PLANO DETALLE: EL INTERRUPTOR'],
    ]);
    expect(notices(script)).toEqual([
      ['FDX_TYPE_MAPPED', 'Encabezado de escena', 1],
      ['FDX_TYPE_MAPPED', 'Acción', 1],
      ['FDX_TYPE_MAPPED', 'Toma', 1],
      ['FDX_TYPE_SKIPPED', 'Legend', 2],
      ['FDX_HIDDEN_SKIPPED', 'Writer Memo', 1],
      ['FDX_HIDDEN_SKIPPED', 'Action', 1],
    ]);
    const message = (type: string) => script.notices!.find((notice) => notice.type === type)!.message;
    expect(message('Legend')).toBe(
      '2 paragraphs of type Legend were not read as action: Final Draft has no such type and the file does not say how it is paginated.',
    );
    expect(message('Writer Memo')).toBe(
      '1 paragraph of type Writer Memo was not read: the file shows that type as hidden text, which is never part of the script.',
    );
    expect(message('Toma')).toBe(
      '1 paragraph of type Toma was read as Shot, the type the file paginates Toma as.',
    );
  });

  test('script notes inside a paragraph reach that shot, shot notes included', () => {
    const [fog, horn] = extractCandidateShots(read('script-notes.fdx'));
    expect(fog).toMatchObject({
      text: 'Fog rolls over the water.',
      notes: [{ text: 'SHOT 1A: wide, locked-off camera', line: 8 }],
      shotNote: { label: '1A', text: 'wide, locked-off camera', line: 8 },
    });
    expect(horn!.notes.map((note) => note.text)).toEqual(['Sound: low, far away.\nAsk the mixer.']);
  });

  test('AllCaps elements are shown in capitals, and one character is one name however typed', () => {
    const script = read('capitals.fdx');
    const shots = extractCandidateShots(script);
    expect(shots[0]!.scene?.heading).toBe('EXT. BEACH AREA - AFTERNOON');
    expect(shots[0]!.text).toBe('Sawyer drags the raft up the sand. A GULL screams.');
    const cues = script.elements.filter((element) => element.type === 'character');
    expect(cues.map((cue) => [cue.text, cue.name, cue.extensions])).toEqual([
      ['SAWYER', 'SAWYER', []],
      ['JÜRGEN', 'JÜRGEN', []],
      ['SAWYER', 'SAWYER', []],
      ['SAWYER (V.O.)', 'SAWYER', ['V.O.']],
    ]);
    expect(shots.map((shot) => shot.charactersInScene)).toEqual([
      [],
      ['SAWYER', 'JÜRGEN'],
      ['SAWYER', 'JÜRGEN'],
    ]);
    expect(shots[1]!.charactersMentioned).toEqual(['JÜRGEN']);
    // Prompts read the heading and names as prose, not as shouting capitals.
    const prompt = compileShotPrompt(prefillShots(shots)[0]!, { target: 'wan' }).prompt;
    expect(prompt).toContain('beach area');
    expect(prompt).not.toContain('BEACH');
    const withName = compileShotPrompt(prefillShots(shots)[1]!, { target: 'wan' }).prompt;
    expect(withName).toContain('Jürgen');
    expect(withName).not.toContain('JÜRGEN');
  });

  test('a script with no action lines reads its headings and dialogue and gives no shots', () => {
    const script = read('no-action.fdx');
    expect(shotTexts(script)).toEqual([]);
    expect(script.elements.map((element) => element.type)).toEqual([
      'scene_heading',
      'character',
      'dialogue',
      'character',
      'dialogue',
    ]);
  });
});

describe('byte-order mark and CRLF', () => {
  const FILES = [
    'beats.fdx',
    'dual-dialogue.fdx',
    'structure.fdx',
    'custom-types.fdx',
    'script-notes.fdx',
    'capitals.fdx',
    'no-action.fdx',
  ];
  test.each(FILES)('%s reads the same, lines and all, when saved with a BOM and CRLF', (name) => {
    const lf = minimal(name);
    expect(lf).not.toContain('\r');
    const crlf = '\uFEFF' + lf.replace(/\n/g, '\r\n');
    expect(parseScript(crlf, { fileName: name })).toEqual(parseScript(lf, { fileName: name }));
    // Sniffing sees through the mark too.
    expect(parseScript(crlf).format).toBe('fdx');
  });
});

describe('files that cannot be read', () => {
  test.each([
    [
      '<FinalDraft><Content><Paragraph Type="Action"><Text>Cut off',
      'FDX_MALFORMED',
      /not well-formed XML \(1:\d+: /,
    ],
    ['<FinalDraft><Content></Paragraph></Content></FinalDraft>', 'FDX_MALFORMED', /not well-formed XML/],
    [
      '<html><body>Not a script</body></html>',
      'FDX_NOT_FINAL_DRAFT',
      /its root element is <html>, not <FinalDraft>/,
    ],
  ])('%j gives %s with a sentence', (xml, code, message) => {
    let thrown: unknown;
    try {
      parseScript(xml, { format: 'fdx' });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ScriptError);
    expect(thrown).toMatchObject({ code });
    expect((thrown as Error).message).toMatch(message);
  });
});
