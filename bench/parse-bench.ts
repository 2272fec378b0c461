// Benchmark: parsing a generated 10 000-line Fountain script, against a bare line split of the same text.
import { extractCandidateShots, parseScript } from '../shared/screenplay';
import { compileShotPrompt, prepareScript } from '../shared/shots';

export interface BenchResult {
  name: string;
  ms: number;
  baselineMs: number;
  note: string;
}

/** A script shaped like a real one: headings, action, cues with parentheticals, notes, transitions. */
export function generateFountainScript(lineCount = 10_000): string {
  const block = [
    'EXT. HARBOR CITY ROOFTOP - NIGHT',
    '',
    'Rain hammers a flat concrete roof forty floors up. Neon paints the puddles pink and teal.',
    '',
    'KAI (40s), black trench coat torn at one shoulder, runs toward the edge.',
    '',
    '[[SHOT: wide, locked-off camera, low angle]]',
    '',
    'KAI (V.O.)',
    '(over radio)',
    'Tell me you did not just do that.',
    '',
    'CUT TO:',
    '',
  ];
  const lines = ['Title: Bench', 'Author: Shotline', ''];
  while (lines.length < lineCount) lines.push(...block);
  return lines.slice(0, lineCount).join('\n');
}

export function medianMs(runs: number, work: () => void): number {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function benchParse(): Promise<BenchResult[]> {
  const text = generateFountainScript();
  const runs = 15;
  // Warm-up so the JIT is not measured.
  for (let run = 0; run < 3; run++) extractCandidateShots(parseScript(text, { format: 'fountain' }));
  const baselineMs = medianMs(runs, () => void text.split(/\r?\n/));
  const parseMs = medianMs(runs, () => void parseScript(text, { format: 'fountain' }));
  const shotsMs = medianMs(runs, () => void extractCandidateShots(parseScript(text, { format: 'fountain' })));
  // What `shotline shots` does: parse, bible, prefill and one fluent prompt per shot.
  const promptsMs = medianMs(runs, () => {
    const { descriptions } = prepareScript(parseScript(text, { format: 'fountain' }));
    for (const description of descriptions) compileShotPrompt(description, { target: 'wan' });
  });
  const ratio = (ms: number): string => `${(ms / Math.max(baselineMs, 1e-6)).toFixed(1)}× a plain line split`;
  return [
    { name: 'parse fountain, 10 000 lines', ms: parseMs, baselineMs, note: ratio(parseMs) },
    { name: 'parse + candidate shots, 10 000 lines', ms: shotsMs, baselineMs, note: ratio(shotsMs) },
    {
      name: 'parse + bible + shots + prompts, 10 000 lines',
      ms: promptsMs,
      baselineMs,
      note: ratio(promptsMs),
    },
  ];
}
