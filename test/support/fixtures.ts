// Where the test fixtures live: inside the repository, so a clone with nothing beside it passes `npm test`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES_DIR = join(__dirname, '..', 'fixtures');

/** Path of a file under test/fixtures/ (e.g. `screenplays/night-drop.fountain`). */
export const fixturePath = (relative: string): string => join(FIXTURES_DIR, relative);

/** A screenplay fixture's text, by file name. */
export const readScreenplay = (name: string): string =>
  readFileSync(fixturePath(join('screenplays', name)), 'utf8');
