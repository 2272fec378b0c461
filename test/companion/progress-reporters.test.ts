// The progress styles on their own: bars through cli-progress on a terminal, lines with failures, mode choice.
import { Writable } from 'node:stream';
import { barReporter } from '../../companion/cli/progress/bar-reporter';
import { lineReporter } from '../../companion/cli/progress/line-reporter';
import { progressMode } from '../../companion/cli/progress/reporters';
import { openCommand } from '../../companion/cli/progress/watch-batch';
import type { ProgressEvent } from '../../companion/cli/progress/progress-event';

const EVENTS: ProgressEvent[] = [
  { event: 'start', clips: 2, jobs: 2, backend: 'slate', outDir: '/out' },
  { event: 'clip.start', shotId: 'S1-01', take: 1 },
  { event: 'clip.start', shotId: 'S1-02', take: 1 },
  {
    event: 'clip.progress',
    shotId: 'S1-01',
    take: 1,
    phase: 'generating',
    fraction: 0.5,
    etaSeconds: 75,
    overall: { fraction: 0.25, etaSeconds: 150 },
  },
  { event: 'clip.failed', shotId: 'S1-02', take: 1, code: 'BACKEND_FAILED', message: 'ffmpeg exited 1' },
  { event: 'clip.done', shotId: 'S1-01', take: 1, path: '/out/S1-01_take1.mp4', seconds: 2.25 },
  {
    event: 'summary',
    made: 1,
    failed: [{ shotId: 'S1-02', take: 1, code: 'BACKEND_FAILED', message: 'ffmpeg exited 1' }],
    seconds: 3.5,
    outDir: '/out',
  },
];

/** A terminal as cli-progress sees one: isTTY and a width; everything written is kept. */
function fakeTerminal(): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY: true, columns: 120, rows: 40 });
  return { stream, text: () => text };
}

test('on a terminal: an overall bar and a bar per clip with phase and ETA, settled clips logged above', () => {
  const terminal = fakeTerminal();
  const summary: string[] = [];
  const reporter = barReporter(terminal.stream, (line) => summary.push(line));
  for (const event of EVENTS.slice(0, 4)) reporter.report(event);
  reporter.stop();
  const drawn = terminal.text();
  expect(drawn).toContain('\u001b['); // drawn by cli-progress with cursor moves
  expect(drawn).toMatch(/overall +\S+ +25% \| 0\/2 clips \| ETA 02:30/);
  expect(drawn).toMatch(/S1-01 take 1 +\S+ +50% \| generating \| ETA 01:15/);
  const after = fakeTerminal();
  const end = barReporter(after.stream, (line) => summary.push(line));
  for (const event of EVENTS) end.report(event);
  const stoppedAt = after.text().length;
  end.stop(); // the command's `finally` stops it again: nothing more may reach the terminal
  expect(after.text().length).toBe(stoppedAt);
  expect(after.text()).toContain('failed  S1-02 take 1: BACKEND_FAILED ffmpeg exited 1\n');
  expect(after.text()).toContain('done    S1-01 take 1 -> /out/S1-01_take1.mp4 (2.3 s)\n');
  expect(summary).toEqual([
    'Made 1 of 2 clip(s) in 3.5 s into /out',
    'Failed: S1-02 take 1: BACKEND_FAILED ffmpeg exited 1',
  ]);
});

test('in a pipe: progress at most once a second, every settled clip counted, failures with reasons', () => {
  const lines: string[] = [];
  let t = 0;
  const reporter = lineReporter(
    (line) => lines.push(line),
    () => t,
  );
  reporter.report(EVENTS[0]!);
  reporter.report(EVENTS[3]!);
  t = 500;
  reporter.report(EVENTS[3]!); // thinned: under a second since the last line
  t = 1500;
  reporter.report(EVENTS[3]!);
  for (const event of EVENTS.slice(4)) reporter.report(event);
  expect(lines).toEqual([
    'Rendering 2 clip(s) with slate, 2 at a time, into /out',
    '[0/2] 25% eta 02:30 · S1-01 take 1 generating 50%',
    '[0/2] 25% eta 02:30 · S1-01 take 1 generating 50%',
    '[1/2] failed  S1-02 take 1: BACKEND_FAILED ffmpeg exited 1',
    '[2/2] done    S1-01 take 1 -> /out/S1-01_take1.mp4 (2.3 s)',
    'Made 1 of 2 clip(s) in 3.5 s into /out',
    'Failed: S1-02 take 1: BACKEND_FAILED ffmpeg exited 1',
  ]);
});

test.each([
  [{ json: true, quiet: true }, true, 'json'],
  [{ quiet: true }, true, 'quiet'],
  [{}, true, 'bars'],
  [{}, false, 'lines'],
] as const)('flags %j, tty %s: %s', (flags, tty, mode) => {
  expect(progressMode(flags, tty)).toBe(mode);
});

test.each([
  ['darwin', 'open "/a b/timeline.xml"'],
  ['win32', 'start "" "/a b/timeline.xml"'],
  ['linux', 'xdg-open "/a b/timeline.xml"'],
] as const)('the timeline opens on %s with %s', (os, command) => {
  expect(openCommand('/a b/timeline.xml', os)).toBe(command);
});
