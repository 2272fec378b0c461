// Benchmark: how fast `shotline` answers, against a bare `node -e 0`, and which heavy modules a command loads.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT, SHOTLINE_BIN } from '../test/support/repo-root';
import { median, type BenchRow } from './table';

const RUNS = 9;

function timeMs(args: string[]): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Median of interleaved runs, so a busy moment on a shared machine hits every command alike. */
function interleaved(commands: Record<string, string[]>): Record<string, number> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (const args of Object.values(commands)) timeMs(args); // warm the file cache
  for (let run = 0; run < RUNS; run++) {
    for (const [name, args] of Object.entries(commands)) samples[name]!.push(timeMs(args));
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
}

/** The packages a command loads, by watching Module._load in a child (no bench-only code in the CLI). */
function packagesLoaded(cliArgs: string[]): string[] {
  const probe = join(REPO_ROOT, 'test', 'support', 'module-probe.js');
  const run = spawnSync(process.execPath, ['-r', probe, SHOTLINE_BIN, ...cliArgs], { encoding: 'utf8' });
  const line = run.stderr.split('\n').find((l) => l.startsWith('shotline-modules '));
  return line ? (JSON.parse(line.slice('shotline-modules '.length)) as string[]) : [];
}

export async function benchCliStartup(): Promise<BenchRow[]> {
  const medians = interleaved({
    bare: ['-e', '0'],
    version: [SHOTLINE_BIN, '--version'],
    help: [SHOTLINE_BIN, 'generate', '--help'],
  });
  const heavy = ['bullmq', 'ioredis', 'undici', 'onnxruntime-node'];
  const slateLoads = packagesLoaded(['generate', '--help']).filter((p) => heavy.includes(p));
  const baseline = 'node -e 0';
  return [
    { name: 'CLI start: shotline --version', ms: medians.version!, baselineMs: medians.bare!, baseline },
    {
      name: 'CLI start: shotline generate --help',
      ms: medians.help!,
      baselineMs: medians.bare!,
      baseline,
      note: `median of ${RUNS} interleaved runs; heavy packages loaded: ${slateLoads.join(', ') || 'none'}`,
    },
  ];
}
