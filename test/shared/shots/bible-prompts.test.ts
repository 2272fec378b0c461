// The character bible and the fluent prompts a previs artist would send unedited, in English and Chinese.
import { parseScript } from '../../../shared/screenplay';
import {
  cleanActionText,
  compileShotPrompt,
  detectLanguage,
  prepareScript,
  type CharacterBible,
} from '../../../shared/shots';

const prepare = (text: string, bible?: CharacterBible) =>
  prepareScript(parseScript(text, { format: 'fountain' }), bible);
const prompts = (text: string, bible?: CharacterBible) => {
  const prepared = prepare(text, bible);
  return prepared.descriptions.map((d) => compileShotPrompt(d, { target: 'wan' }).prompt);
};

const SCRIPT = [
  'EXT. ALLEY - NIGHT',
  '',
  'NAK (30s), grey hoodie, walks past the bins.',
  '',
  'She stops. Moonlight on the wet bricks.',
  '',
  'WILL (60s) will not look up.',
  '',
  'WILL',
  'Go home.',
  '',
  'INT. FLAT - LATER',
  '',
  'Nak now wears a red raincoat and opens the door.',
].join('\n');

describe('character bible', () => {
  const { bible, descriptions } = prepare(SCRIPT);

  it('collects each description at first appearance, with gender from the pronouns that follow', () => {
    expect(bible.characters.map((c) => [c.name, c.description, c.gender])).toEqual([
      ['NAK', 'a woman in her 30s in a grey hoodie', 'female'],
      ['WILL', 'a person in their 60s', null],
    ]);
  });

  it('records a wardrobe change from the line it is stated on', () => {
    expect(bible.characters[0]!.changes).toEqual([
      { line: 14, description: 'a woman in her 30s in a red raincoat' },
    ]);
  });

  it('uses the description as the subject, resolves "she", and never matches the verb "will"', () => {
    expect(descriptions.map((d) => d.subject.who)).toEqual([
      'a woman in her 30s in a grey hoodie',
      'a woman in her 30s in a grey hoodie',
      'a person in their 60s',
      expect.stringContaining('red raincoat'),
    ]);
    expect(descriptions[2]!.action).toBe('will not look up.');
  });

  it('updates every prompt when a description is edited', () => {
    const edited = {
      characters: [{ ...bible.characters[0]!, description: 'a tall woman in a yellow coat', changes: [] }],
    };
    const before = prompts(SCRIPT);
    const after = prompts(SCRIPT, edited);
    expect(before[0]).toContain('grey hoodie');
    expect(after[0]).toBe('A tall woman in a yellow coat walks past the bins, at the alley at night.');
    expect(after[1]).toContain('A tall woman in a yellow coat; she stops.');
  });
});

describe('fluent prompts', () => {
  it('writes subject, action, setting, camera and style in that order without labels', () => {
    const [prompt] = prompts(
      'EXT. ROOF - NIGHT - RAIN\n\n[[SHOT: close-up, handheld]]\n\nA woman in a red coat runs under the neon signs.',
    );
    expect(prompt).toBe(
      'A woman in a red coat runs under the neon signs, at the roof at night, in the rain, lit by neon light. Close-up, handheld camera.',
    );
    expect(prompt).not.toMatch(/\b(?:Camera|Lighting|Environment):/);
  });

  it('takes camera words from a secondary slug and screenplay shorthand', () => {
    const { descriptions } = prepare(
      'EXT. ROOF - NIGHT\n\nRain.\n\n.SNIPER SCOPE POV\n\nA man crosses the roof. TRACKING.',
    );
    expect(descriptions[1]!.camera).toMatchObject({ angle: 'point-of-view shot', movement: 'tracking shot' });
  });

  it('writes Chinese in the same order with Chinese punctuation', () => {
    const [prompt] = prompts('外景 街道 - 夜\n\n一名身穿黑色风衣的中年侦探缓慢行走，跟拍。');
    expect(prompt).toBe('一名身穿黑色风衣的中年侦探缓慢行走，跟拍，街道，夜晚。');
  });

  it('words each line of a plain-text list in its own language', () => {
    const prepared = prepareScript(
      parseScript(
        'Kai leaps from the edge as a tank explodes.\n一名身穿黑色风衣的男子从高楼跃下，慢动作收尾。',
        {
          format: 'text',
        },
      ),
    );
    expect(prepared.descriptions.map((d) => compileShotPrompt(d, { target: 'wan' }).prompt)).toEqual([
      'Kai leaps from the edge as a tank explodes.',
      '一名身穿黑色风衣的男子从高楼跃下，慢动作收尾。',
    ]);
  });

  it('chooses the language by the proportion of Han characters, not by one sign', () => {
    expect(detectLanguage('A neon sign above the door reads 龙门客栈.')).toBe('en');
    expect(detectLanguage('霓虹招牌上写着 OPEN。')).toBe('zh');
  });
});

describe('cleanActionText', () => {
  it.each([
    [
      'Fountain emphasis and escapes',
      'He is *very* **late** and _soaked_, 5 \\* 3.',
      'He is very late and soaked, 5 * 3.',
    ],
    ['ALL-CAPS emphasis, acronyms kept', 'The tank EXPLODES near the TV.', 'The tank explodes near the TV.'],
    ['asides that show nothing', 'We hear sirens. We see Kai run. (beat) He stops.', 'Kai run. He stops.'],
    ['glued sentences', 'He waits.Then he runs.', 'He waits. Then he runs.'],
  ])('%s', (_name, input, output) => {
    expect(cleanActionText(input, 'en')).toBe(output);
  });

  it('joins Chinese lines with a comma where a line ended without punctuation', () => {
    expect(cleanActionText('暴雨倾盆\n霓虹闪烁。', 'zh')).toBe('暴雨倾盆，霓虹闪烁。');
  });
});
