// Jest setup for `npm test`: a test that reads a file outside the repository fails, naming the file.
// A clone from a forge has nothing beside it, so such a test passes only on the machine that wrote it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './repo-root';

/** Places a test may read besides the repository: the system temp folder (tests write there) and devices. */
const ALLOWED_ROOTS = [REPO_ROOT, os.tmpdir(), realpathOrSelf(os.tmpdir()), '/dev', '/proc/self'];
/** fs calls that read contents or list folders; existence checks stay free (module resolution walks up). */
const READERS = [
  'readFileSync',
  'readFile',
  'openSync',
  'open',
  'createReadStream',
  'readdirSync',
  'readdir',
  'opendir',
  'opendirSync',
] as const;
const PROMISE_READERS = ['readFile', 'open', 'readdir', 'opendir'] as const;

const violations: string[] = [];

function realpathOrSelf(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

function isInside(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Who made the read: the nearest stack frame that is not this guard or Node itself. Reads that installed packages
 * make on their own (a native loader probing the C library, jest's module loader) are theirs, not the test's.
 */
function projectCaller(): string | undefined {
  const frames = (new Error().stack ?? '').split('\n').slice(1);
  const nearest = frames.find((f) => !f.includes(__filename) && !f.includes('node:') && f.includes('/'));
  if (!nearest || !nearest.includes(REPO_ROOT) || nearest.includes('node_modules')) return undefined;
  return nearest.trim().replace(/^at /, '');
}

function check(target: unknown): void {
  if (typeof target !== 'string' && !(target instanceof URL) && !Buffer.isBuffer(target)) return; // a descriptor
  const file = path.resolve(target instanceof URL ? target.pathname : target.toString());
  if (ALLOWED_ROOTS.some((root) => isInside(file, root))) return;
  // A path that is not there (a test of a missing file) cannot make a test pass here and fail in a clone.
  if (!fs.existsSync(file)) return;
  const caller = projectCaller();
  if (!caller) return;
  const sentence =
    `npm test read ${file}, which is outside the repository (${caller}). ` +
    'Keep what tests read under test/fixtures/ or write it to the system temp folder; ' +
    'suites that need outside peers belong in test:peers, test:e2e or test:cluster.';
  violations.push(sentence);
  throw new Error(sentence);
}

function guard<T extends object>(target: T, names: readonly string[], rejects: boolean): void {
  for (const name of names) {
    const original = (target as Record<string, unknown>)[name];
    if (typeof original !== 'function') continue;
    (target as Record<string, unknown>)[name] = function guarded(this: unknown, ...args: unknown[]) {
      try {
        check(args[0]);
      } catch (err) {
        if (rejects) return Promise.reject(err);
        throw err;
      }
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
  }
}

guard(fs, READERS, false);
guard(fs.promises, PROMISE_READERS, true);

/** For the guard's own test: the violations so far, cleared. */
export function takeBoundaryViolations(): string[] {
  return violations.splice(0);
}

// A read that the code under test caught and swallowed still fails the suite.
afterAll(() => {
  if (violations.length > 0) throw new Error(violations.splice(0).join('\n'));
});
