// Benchmark: one templates.save into a templates.json at its project cap, against writing the same file raw.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMPLATE_LIMITS } from '../shared/protocol';
import { DEFAULT_PROMPT_TEMPLATES } from '../shared/shots';
import { writeFileAtomic } from '../companion/media/atomic-file';
import { TemplateStore } from '../companion/templates/template-store';
import { sampledRow, type BenchRow } from './table';

async function timed(runs: number, work: (run: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await work(run);
    samples.push(performance.now() - start);
  }
  return samples;
}

/** The save rewrites the whole file (atomically, fsynced); only the changed project is serialised again. */
export async function benchTemplateSave(runs = 15): Promise<BenchRow> {
  const dir = mkdtempSync(join(tmpdir(), 'shotline-bench-templates-'));
  try {
    const file = join(dir, 'templates.json');
    const projects = Object.fromEntries(
      Array.from({ length: TEMPLATE_LIMITS.projects }, (_, i) => [
        `project ${i}`,
        { templates: DEFAULT_PROMPT_TEMPLATES, negativePrompt: `blurry, text, ${i}` },
      ]),
    );
    writeFileSync(file, JSON.stringify({ version: 1, projects }));
    const store = TemplateStore.open(file);
    const save = (run: number) =>
      store.save(`project ${run}`, {
        templates: [{ name: 'rain', description: 'Rain.', template: `{subject}, rain ${run}.` }],
      });
    await save(0);
    const samples = await timed(runs, save);
    const text = readFileSync(file, 'utf8');
    const baseline = await timed(runs, () => writeFileAtomic(file, text));
    return sampledRow(
      `templates.json save, ${TEMPLATE_LIMITS.projects} projects`,
      samples,
      'atomic write of the same file',
      baseline,
      `${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB file`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
