// Benchmark rows and the table they print: our time, the raw tool's time, and the ratio.
export interface BenchRow {
  name: string;
  ms: number;
  baselineMs: number;
  baseline: string;
  note?: string;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function printTable(rows: BenchRow[]): string {
  const header = ['figure', 'shotline ms', 'baseline', 'baseline ms', 'ratio'];
  const body = rows.map((r) => [
    r.name,
    r.ms.toFixed(2),
    r.baseline,
    r.baselineMs.toFixed(2),
    (r.ms / r.baselineMs).toFixed(2) + '×',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  const out = [line(header), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...body.map(line)];
  for (const r of rows) if (r.note) out.push(`- ${r.name}: ${r.note}`);
  return out.join('\n');
}
