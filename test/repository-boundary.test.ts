// The guard behind the README's promise: `npm test` reads nothing outside the repository.
import { readFileSync, promises, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './support/repo-root';
import { takeBoundaryViolations } from './support/repository-boundary';

// Outside the repository on every machine: the node binary itself and its folder.
const outside = process.execPath;

afterEach(() => takeBoundaryViolations());

test('reading a file outside the checkout fails with a sentence naming the file', () => {
  expect(() => readFileSync(outside)).toThrow(`npm test read ${outside}, which is outside the repository`);
});

test('listing a folder outside fails too, and so does the promise API', async () => {
  expect(() => readdirSync(dirname(outside))).toThrow('outside the repository');
  await expect(promises.readFile(outside)).rejects.toThrow('outside the repository');
});

test('a read that the code swallows is still recorded, so the suite fails', () => {
  try {
    readFileSync(outside);
  } catch {
    // swallowed, as careless code would
  }
  expect(takeBoundaryViolations()).toEqual([expect.stringContaining(`npm test read ${outside}`)]);
});

test('a missing file outside is an ordinary ENOENT (tests of missing files stay as they are)', () => {
  expect(() => readFileSync('/nonexistent/shotline-key')).toThrow('ENOENT');
});

test('the repository, installed packages and the temp folder stay readable', () => {
  expect(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).toContain('"shotline"');
  expect(readdirSync(join(REPO_ROOT, 'node_modules', 'zod')).length).toBeGreaterThan(0);
  expect(() => readdirSync(tmpdir())).not.toThrow();
});
