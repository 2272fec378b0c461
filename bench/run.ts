// `npm run bench`: each figure against the raw tool doing the same work, printed as one table.
import { benchCliStartup } from './cli-startup';
import { benchClusterScaling } from './cluster-scaling';
import { benchFdx } from './fdx-bench';
import { benchColourEncode } from './colour-encode';
import { benchHostileClients } from './hostile-clients';
import { benchLoad } from './load';
import { benchNoise } from './noise-bench';
import { benchOnnxOverhead } from './onnx-overhead';
import { benchOnnxPipeline } from './onnx-pipeline';
import { benchOrchestration } from './orchestration';
import { benchParse } from './parse-bench';
import { benchRenderScript } from './render-script';
import { benchSlateEncode } from './slate-encode';
import { writeBenchJson } from './bench-json';
import { printTable, type BenchRow } from './table';
import { benchTemplateSave } from './template-save';
import { benchWsRoundTrip } from './ws-roundtrip';

/** `npm run bench -- --speed`: only the embedded path's speed rows (slate, render-script, orchestration). */
async function speedRows(): Promise<BenchRow[]> {
  return [...(await benchSlateEncode()), ...benchRenderScript(), await benchOrchestration()];
}

async function main(): Promise<void> {
  if (process.argv.includes('--speed')) {
    const rows = await speedRows();
    process.stdout.write(printTable(rows) + '\n');
    process.stdout.write(`Figures written to ${writeBenchJson(rows, process.argv.slice(2))}\n`);
    return;
  }
  const rows: BenchRow[] = [];
  rows.push(...(await benchCliStartup()));
  rows.push(...(await benchSlateEncode()));
  rows.push(...benchRenderScript());
  rows.push(await benchOrchestration());
  rows.push(...benchColourEncode());
  rows.push(await benchWsRoundTrip());
  rows.push(await benchHostileClients());
  for (const row of await benchParse()) rows.push({ ...row, baseline: 'split into lines' });
  rows.push(...(await benchFdx()));
  rows.push(await benchTemplateSave());
  rows.push(...(await benchOnnxPipeline()));
  rows.push(await benchOnnxOverhead());
  rows.push(benchNoise());
  const notes: string[] = [];
  if (process.env.SHOTLINE_BENCH_CLUSTER !== '0') {
    try {
      rows.push(...(await benchClusterScaling()));
    } catch (err) {
      notes.push(`cluster scaling skipped: ${(err as Error).message}`);
    }
  }
  const load = await benchLoad();
  process.stdout.write(printTable(rows) + '\n');
  process.stdout.write([...load.lines, ...notes].join('\n') + '\n');
  process.stdout.write(`Figures written to ${writeBenchJson(rows, process.argv.slice(2))}\n`);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
