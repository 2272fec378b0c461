// The variant matrix as typed in the panel: seeds, counts against the cap, and take labels.
import { prefillShots } from '../../../shared/shots';
import {
  countTakes,
  parseSeeds,
  previewLabels,
  splitValues,
  variantProblem,
  type VariantSettings,
} from '../../../plugin/ui/variant-form';
import { readScriptShots } from '../../../plugin/ui/script-shots';

const settings = (change: Partial<VariantSettings>): VariantSettings => ({
  rows: [],
  seeds: '',
  maxTakes: 100,
  ...change,
});

test('values split on ASCII and Chinese commas', () => {
  expect(splitValues('black, blue，red、 ')).toEqual(['black', 'blue', 'red']);
});

test('seeds: lists, ranges, and a plain message for anything else', () => {
  expect(parseSeeds('7, 10-12 7')).toEqual({ ok: true, value: [7, 10, 11, 12] });
  expect(parseSeeds('')).toEqual({ ok: true, value: [] });
  expect(parseSeeds('5-3')).toEqual({
    ok: false,
    message: 'Seeds: "5-3" is not a whole number or range (like 7 or 10-14) from 0 to 2147483647.',
  });
});

test('without variables the Takes setting counts', () => {
  expect(countTakes(settings({}), 3, 2)).toEqual({ perShot: 2, total: 6 });
});

test('variables × values × seeds × shots, counted before sending and refused over the cap', () => {
  const rows = [
    { name: 'coat colour', values: 'black, blue, red' },
    { name: 'camera', values: 'wide, close' },
    { name: '', values: 'ignored' },
  ];
  expect(countTakes(settings({ rows, seeds: '1-2' }), 2, 1)).toEqual({ perShot: 12, total: 24 });
  expect(countTakes(settings({ rows, seeds: '1-2', maxTakes: 20 }), 2, 1)).toEqual({
    perShot: 12,
    total: 24,
    problem:
      '3 coat colour × 2 camera × 2 seeds × 2 shots = 24 takes, more than the cap of 20. Remove values or raise the cap.',
  });
});

test('preview labels name each take by its values', () => {
  const shot = readScriptShots({ text: 'A man in a {coat colour} coat runs.' }).shots[0]!;
  const [description] = prefillShots([shot.candidate]);
  const labels = previewLabels(
    settings({
      rows: [
        { name: 'coat colour', values: 'black, blue' },
        { name: '景别', values: '远景, 特写' },
      ],
      seeds: '7',
    }),
    description!,
  );
  expect(labels).toEqual([
    'coat colour: black · 景别: 远景 · seed 7',
    'coat colour: black · 景别: 特写 · seed 7',
    'coat colour: blue · 景别: 远景 · seed 7',
    'coat colour: blue · 景别: 特写 · seed 7',
  ]);
});

test('a variable that fits no selected shot is named before sending', () => {
  const shots = readScriptShots({ text: 'A man in a {coat colour} coat runs.\nKai waits.' }).shots.map(
    (s) => ({
      shotId: s.shotId,
      description: s.prefilled,
    }),
  );
  const matrix = settings({ rows: [{ name: 'coat colour', values: 'black, blue' }] });
  expect(variantProblem(matrix, shots.slice(0, 1))).toBeUndefined();
  expect(variantProblem(matrix, shots)).toMatch(
    /^Shot S0-02: variable "coat colour" is neither a \{coat colour\} placeholder/,
  );
});
