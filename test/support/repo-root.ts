// The repository root, found from here both in the sources (jest) and in dist/node (benchmarks).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'bin', 'shotline.js'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no bin/shotline.js above ${start}`);
    dir = parent;
  }
  return dir;
}

export const REPO_ROOT = findRoot(__dirname);
export const SHOTLINE_BIN = join(REPO_ROOT, 'bin', 'shotline.js');
