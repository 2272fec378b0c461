// Fountain edge cases: empty input, title pages, line endings, boneyard, notes and forced elements.
import { parseFountain, parseScript, type ScriptElement } from '../../../shared/screenplay';

const types = (elements: ScriptElement[]): string[] => elements.map((element) => element.type);
const brief = (elements: ScriptElement[]): [number, string, string][] =>
  elements.map((element) => [element.line, element.type, element.text]);

describe('parseFountain edge cases', () => {
  it('returns nothing for an empty file, or one with only a BOM', () => {
    expect(parseFountain('')).toEqual({ format: 'fountain', titlePage: [], elements: [] });
    expect(parseFountain('\uFEFF')).toEqual({ format: 'fountain', titlePage: [], elements: [] });
    expect(parseFountain('\n\n  \n').elements).toEqual([]);
  });

  it('reads a file that is only a title page, with multi-line indented values', () => {
    const script = parseFountain(
      'Title:\n    NIGHT DROP\n\tpart two\nAuthor: A. Writer\nContact:\n   Studio\n   Street 1\n',
    );
    expect(script.titlePage).toEqual([
      { key: 'Title', value: 'NIGHT DROP\npart two', line: 1 },
      { key: 'Author', value: 'A. Writer', line: 4 },
      { key: 'Contact', value: 'Studio\nStreet 1', line: 5 },
    ]);
    expect(script.elements).toEqual([]);
  });

  it('does not take FADE IN: as a title page', () => {
    const script = parseFountain('FADE IN:\n\nEXT. ROOF - NIGHT\n');
    expect(script.titlePage).toEqual([]);
    expect(brief(script.elements)).toEqual([
      [1, 'transition', 'FADE IN:'],
      [3, 'scene_heading', 'EXT. ROOF - NIGHT'],
    ]);
  });

  it('handles CRLF, CR and a BOM without shifting line numbers', () => {
    const text = '\uFEFFTitle: T\r\n\r\nINT. HOUSE - DAY\r\n\r\nBOB\r\nHi.\r\n\rEXT. YARD - DAY';
    expect(brief(parseFountain(text).elements)).toEqual([
      [3, 'scene_heading', 'INT. HOUSE - DAY'],
      [5, 'character', 'BOB'],
      [6, 'dialogue', 'Hi.'],
      [8, 'scene_heading', 'EXT. YARD - DAY'],
    ]);
  });

  it('ignores indentation of non-action elements and expands tabs in action', () => {
    const script = parseFountain('\tINT. HOUSE - DAY\n\n\tBOB\n\t(quietly)\n\tHi.\n\n\tA door opens.\n');
    expect(brief(script.elements)).toEqual([
      [1, 'scene_heading', 'INT. HOUSE - DAY'],
      [3, 'character', 'BOB'],
      [4, 'parenthetical', '(quietly)'],
      [5, 'dialogue', 'Hi.'],
      [7, 'action', '    A door opens.'],
    ]);
  });

  it('removes boneyard, single- and multi-line, keeping later line numbers', () => {
    const text =
      'A car stops. /* cut this */ The door opens.\n\n/* whole\nscene\ncut */\nINT. HOUSE - DAY\n\nShe waits.';
    expect(brief(parseFountain(text).elements)).toEqual([
      [1, 'action', 'A car stops.  The door opens.'],
      [6, 'scene_heading', 'INT. HOUSE - DAY'],
      [8, 'action', 'She waits.'],
    ]);
  });

  it('keeps an unclosed /* as text', () => {
    expect(brief(parseFountain('Half /* open\n\nStill here.').elements)).toEqual([
      [1, 'action', 'Half /* open'],
      [3, 'action', 'Still here.'],
    ]);
  });

  it('keeps standalone, inline and multi-line notes as note elements', () => {
    const text = '[[standalone]]\n\nHe runs [[fast]] away.\n\n[[a note\nover two lines]]\n\nEnd.';
    const script = parseFountain(text);
    expect(script.elements).toEqual([
      { type: 'note', line: 1, endLine: 1, text: 'standalone', inline: false },
      { type: 'action', line: 3, endLine: 3, text: 'He runs away.', forced: false, centered: false },
      { type: 'note', line: 3, endLine: 3, text: 'fast', inline: true },
      { type: 'note', line: 5, endLine: 6, text: 'a note\nover two lines', inline: false },
      { type: 'action', line: 8, endLine: 8, text: 'End.', forced: false, centered: false },
    ]);
  });

  it('reads forced elements: ! action, @ cue, . heading, > transition, centered, ~ lyrics', () => {
    const text = [
      '!INT. NOT A HEADING',
      '',
      '@McCLANE',
      'Yippee.',
      '',
      '.SNIPER SCOPE POV #12A#',
      '',
      '> JUMP CUT',
      '',
      '> THE END <',
      '',
      '~Row, row, row',
      '',
      '...and then.',
    ].join('\n');
    const script = parseFountain(text);
    expect(brief(script.elements)).toEqual([
      [1, 'action', 'INT. NOT A HEADING'],
      [3, 'character', 'McCLANE'],
      [4, 'dialogue', 'Yippee.'],
      [6, 'scene_heading', 'SNIPER SCOPE POV'],
      [8, 'transition', 'JUMP CUT'],
      [10, 'action', 'THE END'],
      [12, 'lyrics', 'Row, row, row'],
      [14, 'action', '...and then.'],
    ]);
    expect(script.elements[0]).toMatchObject({ forced: true });
    expect(script.elements[3]).toMatchObject({ sceneNumber: '12A', forced: true });
    expect(script.elements[5]).toMatchObject({ centered: true });
  });

  it('reads sections, synopses, page breaks and scene numbers', () => {
    const text =
      '# Act One\n\n## Rooftop\n\n= Kai escapes.\n\nEXT. ROOF - NIGHT #1#\n\n===\n\nI/E. CAR - DAY';
    const script = parseFountain(text);
    expect(brief(script.elements)).toEqual([
      [1, 'section', 'Act One'],
      [3, 'section', 'Rooftop'],
      [5, 'synopsis', 'Kai escapes.'],
      [7, 'scene_heading', 'EXT. ROOF - NIGHT'],
      [9, 'page_break', '==='],
      [11, 'scene_heading', 'I/E. CAR - DAY'],
    ]);
    expect(script.elements[1]).toMatchObject({ depth: 2 });
    expect(script.elements[3]).toMatchObject({ sceneNumber: '1' });
  });

  it('needs a blank line before a heading and a line of text after a cue', () => {
    const script = parseFountain('He looks up.\nINT. HOUSE - DAY\n\nBOOM\n\nSilence.');
    expect(brief(script.elements)).toEqual([
      [1, 'action', 'He looks up.\nINT. HOUSE - DAY'],
      [4, 'action', 'BOOM'],
      [6, 'action', 'Silence.'],
    ]);
  });

  it('reads extensions, dual dialogue and full-width parentheticals', () => {
    const script = parseFountain("MOM (O. S.) (cont'd) ^\nDinner!\n\n@林队长（画外音）\n（低声）\n走。\n");
    expect(script.elements[0]).toMatchObject({ name: 'MOM', extensions: ['O. S.', "cont'd"], dual: true });
    expect(script.elements[2]).toMatchObject({ type: 'character', name: '林队长', extensions: ['画外音'] });
    expect(types(script.elements)).toEqual([
      'character',
      'dialogue',
      'character',
      'parenthetical',
      'dialogue',
    ]);
    expect(script.elements[3]!.text).toBe('（低声）');
  });

  it('continues dialogue across a two-space line and keeps multi-line action as one paragraph', () => {
    const script = parseFountain('DEALER\nTen.\n  \nTwenty.\n\nThe car skids.\nIt flips.');
    expect(brief(script.elements)).toEqual([
      [1, 'character', 'DEALER'],
      [2, 'dialogue', 'Ten.\n\nTwenty.'],
      [6, 'action', 'The car skids.\nIt flips.'],
    ]);
    expect(script.elements[2]).toMatchObject({ endLine: 7 });
  });

  it('recognises unforced Chinese 内景/外景 headings', () => {
    expect(brief(parseFountain('外景 城市天台 - 夜\n\n暴雨。').elements)).toEqual([
      [1, 'scene_heading', '外景 城市天台 - 夜'],
      [3, 'action', '暴雨。'],
    ]);
  });

  it('parses 10 000 lines well under a second', () => {
    const block = 'EXT. ROOF - NIGHT\n\nRain falls.\n\nKAI\n(low)\nGo.\n\n[[SHOT: wide]]\n\nCUT TO:\n\n';
    const text = block.repeat(Math.ceil(10_000 / 12));
    const start = performance.now();
    const script = parseScript(text, { format: 'fountain' });
    expect(performance.now() - start).toBeLessThan(1000);
    expect(script.elements.filter((element) => element.type === 'scene_heading')).toHaveLength(834);
  });
});
