// Where `npm run bench` leaves its figures as JSON (out/bench.json, or `npm run bench -- --json FILE`).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { REPO_ROOT } from '../test/support/repo-root';
import { benchJson, type BenchRow } from './table';

function commit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    // A source tarball has no git: the figures are still worth keeping.
    return null;
  }
}

/** Writes the file and returns its path. */
export function writeBenchJson(rows: BenchRow[], argv: string[]): string {
  const at = argv.indexOf('--json');
  const path = resolve(at >= 0 && argv[at + 1] ? argv[at + 1]! : resolve(REPO_ROOT, 'out', 'bench.json'));
  mkdirSync(dirname(path), { recursive: true });
  const about = {
    commit: commit(),
    date: new Date().toISOString(),
    node: process.version,
    cores: availableParallelism(),
    // 1, 5 and 15 minutes: figures from a busy machine are told apart from an idle one's.
    loadAverage: loadavg(),
  };
  writeFileSync(path, benchJson(rows, about));
  return path;
}
