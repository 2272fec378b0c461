// render-script --jobs: several clips in flight at once, the very same files as one at a time.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/repo-root';
import { shotline } from '../support/shotline-cli';

const SCRIPT = join(REPO_ROOT, 'test', 'fixtures', 'screenplays', 'night-drop.fountain');
const RENDER = ['--size', '320x180', '--duration', '0.5', '--fps', '24', '--takes', '2', '--json'];

interface Event {
  event: string;
  shotId?: string;
  take?: number;
}

function render(out: string, jobs: number): Event[] {
  const r = shotline('render-script', SCRIPT, '--out', out, '--jobs', String(jobs), ...RENDER);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Event);
}

/** Most clips that had started and not yet finished at any one time. */
function mostInFlight(events: Event[]): number {
  let now = 0;
  let most = 0;
  for (const e of events) {
    if (e.event === 'clip.start') most = Math.max(most, ++now);
    if (e.event === 'clip.done' || e.event === 'clip.failed') now -= 1;
  }
  return most;
}

/** A sidecar or index with what must differ between two runs (times, the folder) taken out. */
function comparable(path: string, dir: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8').split(dir).join('<out>'), (key, value: unknown) =>
    key === 'createdAt' || key === 'finishedAt' || key === 'script' ? undefined : value,
  );
}

describe('render-script --jobs', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shotline-jobs-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('three at a time writes byte-for-byte the files of one at a time', () => {
    const serial = join(dir, 'serial');
    const parallel = join(dir, 'parallel');
    expect(mostInFlight(render(serial, 1))).toBe(1);
    expect(mostInFlight(render(parallel, 3))).toBe(3);
    const files = readdirSync(serial).sort();
    expect(readdirSync(parallel).sort()).toEqual(files);
    // 8 shots × 2 takes: clip, sidecar and poster each, plus the index.
    expect(files.filter((f) => f.endsWith('.mp4'))).toHaveLength(16);
    for (const file of files) {
      if (file.endsWith('.json')) {
        expect([file, comparable(join(parallel, file), parallel)]).toEqual([
          file,
          comparable(join(serial, file), serial),
        ]);
      } else {
        const same = readFileSync(join(parallel, file)).equals(readFileSync(join(serial, file)));
        expect([file, same]).toEqual([file, true]);
      }
    }
  }, 120_000);

  test('--jobs 0 is refused with one line', () => {
    const r = shotline('render-script', SCRIPT, '--out', join(dir, 'never'), '--jobs', '0');
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim()).toMatch(/--jobs <n>.*"0" must be a whole number of 1 or more\.$/);
  });
});
