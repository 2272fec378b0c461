// Rules a real screenplay needs: Fountain 1.1 corners, headings with notes, secondary slugs, lines that show
// nothing, the mainland Chinese layout, Chinese Fountain without `@`, and parsing that stays linear.
import {
  collectCharacters,
  extractCandidateShots,
  parseFountain,
  parseScript,
  parseSceneHeading,
  sniffScriptFormat,
  type ScriptElement,
} from '../../../shared/screenplay';

const brief = (elements: ScriptElement[]): [number, string, string][] =>
  elements.map((element) => [element.line, element.type, element.text]);
const shotsOf = (text: string) => extractCandidateShots(parseScript(text, { format: 'fountain' }));

describe('Fountain 1.1 corners', () => {
  it('keeps a transition and the next heading apart across a multi-line boneyard', () => {
    const text = 'A door.\n\nCUT TO:\n/* old scene\nEXT. OLD - DAY\n*/\nEXT. ROOF - NIGHT\n\nRain.';
    expect(brief(parseFountain(text).elements)).toEqual([
      [1, 'action', 'A door.'],
      [3, 'transition', 'CUT TO:'],
      [7, 'scene_heading', 'EXT. ROOF - NIGHT'],
      [9, 'action', 'Rain.'],
    ]);
  });

  it('continues a note across a line of two spaces', () => {
    const script = parseFountain('He waits. [[first part\n  \nsecond part]]\n\nEnd.');
    expect(script.elements.filter((e) => e.type === 'note').map((e) => e.text)).toEqual([
      'first part\n  \nsecond part',
    ]);
    expect(brief(script.elements.filter((e) => e.type === 'action'))).toEqual([
      [1, 'action', 'He waits.'],
      [5, 'action', 'End.'],
    ]);
  });

  it('flags both cues of a dual dialogue and strips the caret', () => {
    const script = parseFountain('BRICK\nScrew retirement.\n\nSTEEL ^\nScrew retirement.\n');
    const cues = script.elements.filter((e) => e.type === 'character');
    expect(cues.map((cue) => [cue.text, cue.dual])).toEqual([
      ['BRICK', true],
      ['STEEL', true],
    ]);
  });

  it('reads I./E. headings, forces a heading with a period only before a letter or digit', () => {
    const script = parseFountain('I./E. CAR - DAY\n\n. . . and then.\n\n.3 AM ROOFTOP\n\n...later.');
    expect(brief(script.elements)).toEqual([
      [1, 'scene_heading', 'I./E. CAR - DAY'],
      [3, 'action', '. . . and then.'],
      [5, 'scene_heading', '3 AM ROOFTOP'],
      [7, 'action', '...later.'],
    ]);
    expect(parseSceneHeading('I./E. CAR - DAY').interiorExterior).toBe('interior_exterior');
  });

  it('drops the closing hashes of a section', () => {
    expect(brief(parseFountain('## Act two ##\n\nRain.').elements)[0]).toEqual([1, 'section', 'Act two']);
  });

  it('reads a short Han-only line between a blank line and text as a cue', () => {
    const script = parseFountain('暴雨倾盆。\n\n林队长\n（低声）\n撤！\n');
    expect(brief(script.elements)).toEqual([
      [1, 'action', '暴雨倾盆。'],
      [3, 'character', '林队长'],
      [4, 'parenthetical', '（低声）'],
      [5, 'dialogue', '撤！'],
    ]);
  });
});

describe('headings and scene context', () => {
  it.each([
    ['EXT. DINER (1973) - NIGHT', 'DINER', 'night', null],
    ['INT. KITCHEN - DAY [FLASHBACK]', 'KITCHEN', 'day', null],
    ['EXT. FIELD - NIGHT - RAIN', 'FIELD', 'night', 'RAIN'],
    ['INT. BAR, LATER', 'BAR', 'later', null],
    ['INT. HALLWAY [CONTINUOUS]', 'HALLWAY', 'continuous', null],
    ['EXT. STREET - SAME', 'STREET', 'same_time', null],
    ['第1场 城市天台 夜 外', '城市天台', 'night', null],
    ['外景：海边公路 黄昏 雨', '海边公路', 'dusk', '雨'],
  ])('%s', (heading, location, timeOfDay, weatherText) => {
    expect(parseSceneHeading(heading)).toMatchObject({ location, timeOfDay, weatherText });
  });

  it('reads interior/exterior from the end of a mainland heading', () => {
    expect(parseSceneHeading('第12场 地下车库 日 内').interiorExterior).toBe('interior');
  });

  it('keeps the master scene for a forced slug without INT/EXT and frames the next shot with it', () => {
    const shots = shotsOf(
      'EXT. ROOF - NIGHT\n\nKai runs.\n\n.CLOSE ON KAI\n\nHe smiles.\n\n.FLASHBACK - HOUSE - DAY\n\nA door.',
    );
    expect(shots.map((shot) => [shot.id, shot.scene?.location, shot.slug])).toEqual([
      ['S1-01', 'ROOF', null],
      ['S1-02', 'ROOF', 'CLOSE ON KAI'],
      ['S2-01', 'FLASHBACK - HOUSE', null],
    ]);
  });

  it('never makes a shot of FADE IN:, FADE OUT., CUT TO BLACK., THE END or a title card', () => {
    const text =
      'Title: X\n\nFADE IN:\n\nEXT. ROOF - NIGHT\n\nRain.\n\n>ONE YEAR LATER<\n\nFADE OUT.\n\nCUT TO BLACK.\n\nTHE END';
    expect(shotsOf(text).map((shot) => shot.text)).toEqual(['Rain.']);
  });

  it('gives a dialogue-only scene one coverage shot with its speakers', () => {
    const shots = shotsOf(
      'INT. CAR - NIGHT\n\nANA\nWe are late.\n\nBEN\nI know.\n\nEXT. ROAD - NIGHT\n\nA truck.',
    );
    expect(
      shots.map((shot) => [shot.id, shot.kind, shot.charactersMentioned, shot.line, shot.endLine]),
    ).toEqual([
      ['S1-01', 'coverage', ['ANA', 'BEN'], 4, 7],
      ['S2-01', 'action', [], 11, 11],
    ]);
  });
});

describe('the mainland Chinese layout', () => {
  const script = [
    '第1场 城市天台 夜 外',
    '人物：林队长（50岁，刑警）、小周',
    '△暴雨倾盆，霓虹闪烁。',
    '△林队长冲上天台。',
    '林队长：（对着对讲机）所有人撤离！',
    '小周（画外音）：收到。',
    '切到：',
    '第2场 地下车库 日 内',
    '△一辆车驶入。',
  ].join('\n');

  it('is sniffed, and reads headings, cast, action, dialogue and transitions', () => {
    expect(sniffScriptFormat(script)).toBe('chinese');
    const parsed = parseScript(script);
    expect(parsed.elements.map((element) => element.type)).toEqual([
      'scene_heading',
      'cast',
      'action',
      'action',
      'character',
      'parenthetical',
      'dialogue',
      'character',
      'dialogue',
      'transition',
      'scene_heading',
      'action',
    ]);
    expect(parsed.elements[7]).toMatchObject({ name: '小周', extensions: ['画外音'] });
    expect(parsed.elements[0]).toMatchObject({ sceneNumber: '1' });
  });

  it('gives one shot per △ line with the cast in the scene', () => {
    const shots = extractCandidateShots(parseScript(script));
    expect(
      shots.map((shot) => [shot.id, shot.text, shot.charactersInScene, shot.charactersMentioned]),
    ).toEqual([
      ['S1-01', '暴雨倾盆，霓虹闪烁。', ['林队长', '小周'], []],
      ['S1-02', '林队长冲上天台。', ['林队长', '小周'], ['林队长']],
      ['S2-01', '一辆车驶入。', [], []],
    ]);
  });

  it("takes the cast line's note as the character's age and description", () => {
    expect(collectCharacters(parseScript(script).elements)[0]).toMatchObject({
      name: '林队长',
      age: '50岁',
      appearance: '刑警',
    });
  });
});

describe('parsing stays linear', () => {
  /** User CPU time of the parse, the smallest of three runs: a ratio between sizes, not a time limit. */
  const cost = (text: string): number => {
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const start = process.cpuUsage();
      extractCandidateShots(parseScript(text, { format: 'fountain' }));
      const used = process.cpuUsage(start);
      best = Math.min(best, used.user + used.system);
    }
    return best;
  };

  it.each([
    [
      'thousands of notes in one paragraph',
      (n: number) => Array.from({ length: n }, (_, i) => `Beat ${i} [[note ${i}]]`).join('\n'),
    ],
    ['an unclosed [[ before many more', (n: number) => `[[ open\n${'He runs [[ on.\n'.repeat(n)}`],
    ['one very long paragraph', (n: number) => 'KAI (40s) runs. '.repeat(n * 4)],
  ])('%s: 16 times the text costs far less than 16² times as much', (_name, make) => {
    const small = cost(make(500));
    const large = cost(make(8_000));
    // Linear gives about 16; quadratic about 256. 64 leaves room for a busy machine.
    expect(large / Math.max(small, 1)).toBeLessThan(64);
  });
});
