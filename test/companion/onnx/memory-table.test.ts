// The README's memory table is what the shared estimate gives today (regenerate with `npm run docs:memory`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  MEMORY_TABLE_END,
  MEMORY_TABLE_START,
  memoryTable,
  withMemoryTable,
} from '../../../companion/backends/onnx/memory-table';
import { REPO_ROOT } from '../../support/repo-root';

/** Table cells, trimmed, without the separator row: prettier's column padding is not content. */
const cells = (table: string) =>
  table
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[\s|:-]+\|$/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim()),
    );

test('README.md holds the memory table the estimate gives today', () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(MEMORY_TABLE_START);
  const end = readme.indexOf(MEMORY_TABLE_END);
  expect(start).toBeGreaterThan(0);
  expect(cells(readme.slice(start, end))).toEqual(cells(memoryTable()));
});

test('the table has a row per bundle and landscape size, and the writer replaces only what lies between the markers', () => {
  expect(cells(memoryTable())).toHaveLength(1 + 11);
  const doc = `# A\n\n${MEMORY_TABLE_START}\nold\n${MEMORY_TABLE_END}\n\n# B\n`;
  const out = withMemoryTable(doc, '| x |');
  expect(out).toBe(`# A\n\n${MEMORY_TABLE_START}\n\n| x |\n\n${MEMORY_TABLE_END}\n\n# B\n`);
  expect(() => withMemoryTable('# no markers')).toThrow('README.md lacks the');
});

test('the export-wan fp16 row holds its native experts at their disk size and the float32 umT5 at twice it', () => {
  const rows = cells(memoryTable());
  const row = (label: string) => rows.find((r) => r[0] === label && r[1] === '832×480 × 81')!;
  const gbOf = (cell: string) => Number(/^([\d.]+) GB/.exec(cell)![1]);
  const exported = row('Wan2.2-T2V-A14B, `export-wan --dtype fp16`');
  const documented = row('Wan2.2-T2V-A14B, fp16 experts');
  // Same experts on the GPU while denoising one at a time (28 GB, not a float32 56 GB)...
  expect(exported[4]).toBe(documented[4]);
  // ...but encoding with everything resident holds umT5 in float32: 13 GB more (the half-stored VAE is resident
  // at the same 0.3 GB per graph as the documented float32 one).
  expect(gbOf(exported[3]!) - gbOf(documented[3]!)).toBeCloseTo(13, 0);
});

test('the export-wan fp8 row holds each float8 expert at about half the fp16 one', () => {
  const rows = cells(memoryTable());
  const row = (label: string) => rows.find((r) => r[0] === label && r[1] === '1280×720 × 81')!;
  const gbOf = (cell: string) => Number(/^([\d.]+) GB/.exec(cell)![1]);
  const fp8 = row('Wan2.2-T2V-A14B, `export-wan --dtype fp8`');
  const fp16 = row('Wan2.2-T2V-A14B, `export-wan --dtype fp16`');
  // Denoising one expert at a time at 720p: 28 GB of fp16 expert become 14.8 GB (float8 matrices, float32 islands).
  expect(gbOf(fp16[4]!) - gbOf(fp8[4]!)).toBeCloseTo(28 - 14.8, 0);
  // Two experts fewer bytes in the weights column; umT5 and the VAE are the same.
  expect(gbOf(fp16[2]!) - gbOf(fp8[2]!)).toBeCloseTo(2 * (28 - 14.8), 0);
});
