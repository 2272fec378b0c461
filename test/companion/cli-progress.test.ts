// What render-script and generate print while they work: JSON events, plain lines in a pipe, or nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { SHOTLINE_BIN } from '../support/repo-root';
import { shotline } from '../support/shotline-cli';

const SMALL = ['--size', '320x180', '--duration', '0.5', '--fps', '24'];

describe('CLI progress', () => {
  let dir: string;
  let script: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shotline-progress-'));
    script = join(dir, 'three.fountain');
    writeFileSync(
      script,
      'EXT. PIER - DAWN\n\nGulls lift off the rail.\n\nA boat slides out.\n\nThe harbour empties.\n',
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('--json prints one event per line: start, each clip, overall progress that only grows, summary', () => {
    const out = join(dir, 'json');
    const r = shotline('render-script', script, '--out', out, '--json', '--jobs', '2', ...SMALL);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const events = r.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events[0]).toEqual({ event: 'start', clips: 3, jobs: 2, backend: 'slate', outDir: out });
    const last = events.at(-1)!;
    expect(last).toMatchObject({ event: 'summary', made: 3, failed: [], outDir: out });
    expect(last.seconds).toBeGreaterThan(0);
    const done = events.filter((e) => e.event === 'clip.done');
    expect(done.map((e) => e.shotId).sort()).toEqual(['S1-01', 'S1-02', 'S1-03']);
    for (const e of done) expect(e.path).toBe(join(out, `${String(e.shotId)}_take1.mp4`));
    const overall = events
      .filter((e) => e.event === 'clip.progress')
      .map((e) => (e.overall as { fraction: number }).fraction);
    expect(overall.length).toBeGreaterThan(3);
    expect([...overall].sort((a, b) => a - b)).toEqual(overall);
    expect(overall.at(-1)).toBeLessThanOrEqual(1);
  });

  test('in a pipe: plain lines, no escape codes, a counter per clip and the summary with the timeline command', () => {
    const out = join(dir, 'lines');
    const r = shotline('render-script', script, '--out', out, '--timeline', ...SMALL);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).not.toContain('\u001b');
    const lines = r.stdout.trim().split('\n');
    // No --jobs: slate renders one clip per core at once.
    expect(lines[0]).toBe(`Rendering 3 clip(s) with slate, ${availableParallelism()} at a time, into ${out}`);
    expect(
      lines.filter((l) => /^\[\d\/3\] done {4}S1-0\d take 1 -> .*\.mp4 \(\d+\.\d s\)$/.test(l)),
    ).toHaveLength(3);
    expect(lines.slice(-3)).toEqual([
      expect.stringMatching(new RegExp(`^Made 3 of 3 clip\\(s\\) in \\d+\\.\\d s into ${out}$`)),
      `Timeline: ${join(out, 'timeline.xml')}, ${join(out, 'timeline.otio')}`,
      `Open it: xdg-open "${join(out, 'timeline.xml')}"`,
    ]);
  });

  test('failed clips: a line each, then the summary names each one with its code and reason; exit 1', () => {
    const out = join(dir, 'failing');
    const ffmpeg = join(dir, 'no-such-ffmpeg');
    const r = spawnSync(process.execPath, [SHOTLINE_BIN, 'render-script', script, '--out', out, ...SMALL], {
      encoding: 'utf8',
      env: { ...process.env, SHOTLINE_FFMPEG: ffmpeg },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('shotline: 3 of 3 clip(s) failed.\n');
    const reason = `FFMPEG_MISSING SHOTLINE_FFMPEG points to ${ffmpeg}, which is not an executable file.`;
    const lines = r.stdout.trim().split('\n');
    expect(lines.filter((l) => l.includes(`failed  S1-0`) && l.endsWith(reason))).toHaveLength(3);
    expect(lines.slice(-4)).toEqual([
      expect.stringMatching(/^Made 0 of 3 clip\(s\) in /),
      `Failed: S1-01 take 1: ${reason}`,
      `Failed: S1-02 take 1: ${reason}`,
      `Failed: S1-03 take 1: ${reason}`,
    ]);
  });

  test('--quiet prints nothing', () => {
    const r = shotline('render-script', script, '--out', join(dir, 'quiet'), '--quiet', ...SMALL);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  test('generate --json ends with the summary of its one clip', () => {
    const out = join(dir, 'one.mp4');
    const r = shotline('generate', '--prompt', 'a pier', '--out', out, '--json', ...SMALL);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const events = r.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.filter((e) => e.event === 'clip.done')).toEqual([
      expect.objectContaining({ shotId: 'SHOT-1', take: 1, path: out }),
    ]);
    expect(events.at(-1)).toMatchObject({ event: 'summary', made: 1, failed: [], outDir: dir });
  });
});
