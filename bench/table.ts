// Benchmark rows and the table they print: our time, the raw tool's time, the ratio, and each one's spread.
export interface BenchRow {
  name: string;
  ms: number;
  baselineMs: number;
  baseline: string;
  note?: string;
  /** Every run's time, where the row kept them: the table shows min/median/max and the JSON keeps them all. */
  samples?: number[];
  baselineSamples?: number[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A row from every run's times: the median stands for the row, the spread says how far to trust it. */
export function sampledRow(
  name: string,
  samples: number[],
  baseline: string,
  baselineSamples: number[],
  note?: string,
): BenchRow {
  return {
    name,
    ms: median(samples),
    baseline,
    baselineMs: median(baselineSamples),
    samples,
    baselineSamples,
    ...(note !== undefined && { note }),
  };
}

function spread(samples: number[] | undefined): string {
  if (!samples?.length) return '-';
  return `${Math.min(...samples).toFixed(1)}/${median(samples).toFixed(1)}/${Math.max(...samples).toFixed(1)}`;
}

export function printTable(rows: BenchRow[]): string {
  const header = ['figure', 'shotline ms', 'min/med/max', 'baseline', 'baseline ms', 'min/med/max', 'ratio'];
  const body = rows.map((r) => [
    r.name,
    r.ms.toFixed(2),
    spread(r.samples),
    r.baseline,
    r.baselineMs.toFixed(2),
    spread(r.baselineSamples),
    (r.ms / r.baselineMs).toFixed(2) + '×',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  const out = [line(header), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...body.map(line)];
  for (const r of rows) if (r.note) out.push(`- ${r.name}: ${r.note}`);
  return out.join('\n');
}

/** The figures as JSON, so two commits' runs can be compared line by line. */
export function benchJson(rows: BenchRow[], about: Record<string, unknown>): string {
  const figures = rows.map((r) => ({
    name: r.name,
    ms: r.ms,
    baseline: r.baseline,
    baselineMs: r.baselineMs,
    ratio: r.ms / r.baselineMs,
    ...(r.samples && { samples: r.samples }),
    ...(r.baselineSamples && { baselineSamples: r.baselineSamples }),
    ...(r.note !== undefined && { note: r.note }),
  }));
  return JSON.stringify({ ...about, figures }, null, 2) + '\n';
}
