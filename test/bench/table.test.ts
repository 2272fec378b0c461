// The bench table's spread column and the JSON file two commits are compared by.
import { benchJson, printTable, sampledRow } from '../../bench/table';

const row = sampledRow('slate', [30, 10, 20], 'ffmpeg', [4, 5, 6], 'three runs');

test('a sampled row stands at its median and prints min/median/max for both sides', () => {
  expect(row).toMatchObject({ ms: 20, baselineMs: 5 });
  const [, , line, note] = printTable([row]).split('\n');
  expect(line!.split('|').map((cell) => cell.trim())).toEqual([
    '',
    'slate',
    '20.00',
    '10.0/20.0/30.0',
    'ffmpeg',
    '5.00',
    '4.0/5.0/6.0',
    '4.00×',
    '',
  ]);
  expect(note).toBe('- slate: three runs');
});

test('a row without samples shows no spread', () => {
  const table = printTable([{ name: 'once', ms: 3, baseline: 'raw', baselineMs: 1 }]);
  expect(table.split('\n')[2]).toMatch(/^\| once +\| 3\.00 +\| - +\| raw +\| 1\.00 +\| - +\| 3\.00× \|$/);
});

test('the JSON keeps every sample, the ratio and what the run was', () => {
  const json = JSON.parse(benchJson([row], { commit: 'abc', cores: 2 })) as Record<string, unknown>;
  expect(json).toEqual({
    commit: 'abc',
    cores: 2,
    figures: [
      {
        name: 'slate',
        ms: 20,
        baseline: 'ffmpeg',
        baselineMs: 5,
        ratio: 4,
        samples: [30, 10, 20],
        baselineSamples: [4, 5, 6],
        note: 'three runs',
      },
    ],
  });
});
