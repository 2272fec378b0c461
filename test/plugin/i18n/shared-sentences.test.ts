// Sentences built in shared/ reach the panel in its language: each real failure or notice, worded from its code
// and params, is the shared English sentence in English and a Chinese sentence (no English left) in Chinese.
import { readFileSync } from 'node:fs';
import { codedText } from '../../../plugin/i18n/coded-text';
import { i18n } from '../../../plugin/i18n/i18n';
import type { CodedSentence } from '../../../shared/errors/coded-error';
import { parseScript, summarizeNoActionLines } from '../../../shared/screenplay';
import {
  checkTemplateText,
  compileShotPrompt,
  expandVariants,
  normalizeVariantMatrix,
  ShotDescriptionSchema,
} from '../../../shared/shots';
import { parseTimecode, timecodeToFrame, formatTimecode } from '../../../shared/timecode';
import { fixturePath } from '../../support/fixtures';

const NTSC = { num: 30000, den: 1001 };
const shot = ShotDescriptionSchema.parse({ action: 'A woman runs through rain.' });

/** What a call threw, as the coded sentence it carries. */
function thrown(fn: () => unknown): CodedSentence {
  try {
    fn();
  } catch (err) {
    return err as CodedSentence;
  }
  throw new Error('expected a throw');
}

const fdx = (name: string) => readFileSync(fixturePath(`fdx/minimal/${name}`), 'utf8');

function examples(): [string, CodedSentence][] {
  const notices = [
    ...parseScript(fdx('custom-types.fdx'), { fileName: 'x.fdx' }).notices!,
    ...parseScript(fdx('beats.fdx'), { fileName: 'x.fdx' }).notices!,
  ];
  const dialogueOnly = parseScript('INT. ROOM - DAY\n\nANNA\nHello.\n', { format: 'fountain' });
  return [
    ...notices.map((n): [string, CodedSentence] => [`${n.code} ${n.type}`, n]),
    ['SCRIPT_NO_ACTION', summarizeNoActionLines(dialogueOnly)],
    ['SCRIPT_NO_ACTION_COVERAGE', summarizeNoActionLines(dialogueOnly, 1)],
    ['FDX_MALFORMED', thrown(() => parseScript('<FinalDraft><Content></Paragraph>', { format: 'fdx' }))],
    ['FDX_NOT_FINAL_DRAFT', thrown(() => parseScript('<html></html>', { format: 'fdx' }))],
    ['TIMECODE_INVALID', thrown(() => timecodeToFrame('ab:cd', NTSC))],
    ['TIMECODE_OUT_OF_RANGE', thrown(() => timecodeToFrame('00:00:00:30', NTSC))],
    ['TIMECODE_DROPPED_LABEL', thrown(() => timecodeToFrame('00:01:00;00', NTSC, true))],
    ['TIMECODE_NEGATIVE', thrown(() => formatTimecode(-1, NTSC))],
    [
      'TIMECODE_BEFORE_START',
      thrown(() => parseTimecode('00:59:00;00', NTSC, { startFrame: 107892, dropFrame: true })),
    ],
    [
      'TIMECODE_NOT_DROP_FRAME',
      thrown(() => formatTimecode(1, { num: 24, den: 1 }, { startFrame: 0, dropFrame: true })),
    ],
    [
      'TOO_MANY_VARIANTS',
      thrown(() =>
        expandVariants(shot, {
          variables: { camera: ['wide', 'close', 'medium'] },
          seeds: [1, 2],
          maxTakes: 4,
        }),
      ),
    ],
    ['UNKNOWN_VARIANT_VARIABLE', thrown(() => expandVariants(shot, { variables: { mood: ['calm'] } }))],
    ['INVALID_VARIANT_MATRIX', thrown(() => normalizeVariantMatrix({ seeds: [-1] }))],
    [
      'DUPLICATE_VARIANT_VARIABLE',
      thrown(() =>
        normalizeVariantMatrix({
          variables: [
            { name: 'a', values: ['1'] },
            { name: 'a', values: ['2'] },
          ],
        }),
      ),
    ],
    ...compileShotPrompt(
      { ...shot, action: '雨'.repeat(801), negativePrompt: '糊'.repeat(501) },
      { target: 'dashscope' },
    ).warnings.map((w): [string, CodedSentence] => [w.code, w]),
    ...checkTemplateText('{mood} [a [b]]').map((p): [string, CodedSentence] => [p.code, p]),
  ];
}

/** Product names and the values the sentence carries (a type's own name, the user's text) may stay Latin. */
const NAMES = ['Final Draft', 'Beat Board', 'Story Map', 'FinalDraft', 'maxTakes'];
function englishLeft(text: string, sentence: CodedSentence): string[] {
  let rest = text;
  for (const value of [...Object.values(sentence.params ?? {}).map(String), ...NAMES])
    rest = rest.split(value).join(' ');
  return rest.match(/[A-Za-z]{3,}[ ,'][A-Za-z]{2,}/g) ?? [];
}

afterEach(() => void i18n.changeLanguage('en'));

test('every example carries a code the catalogues word, with its params', () => {
  const codes = examples().map(([, s]) => s.code);
  expect(new Set(codes).size).toBeGreaterThanOrEqual(20);
  for (const [, sentence] of examples())
    expect(i18n.exists(`shared.${sentence.code}`, { count: 1 })).toBe(true);
});

test.each(examples())('%s: English is the shared sentence, Chinese has no English left', (_, sentence) => {
  void i18n.changeLanguage('en');
  expect(codedText('shared', sentence)).toBe(sentence.message);
  void i18n.changeLanguage('zh-CN');
  const chinese = codedText('shared', sentence);
  expect(chinese).toMatch(/\p{Script=Han}/u);
  expect(englishLeft(chinese, sentence)).toEqual([]);
});
