// On a terminal: an overall bar and one bar per clip in flight, drawn by cli-progress on stderr.
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { clock, settledLine, startLine, summaryLines } from './format';
import type { ProgressEvent, ProgressReporter } from './progress-event';

const FORMAT = '{label} {bar} {percentage}% | {detail} | ETA {left}';

export function barReporter(
  stream: NodeJS.WriteStream,
  writeSummary: (line: string) => void,
): ProgressReporter {
  const bars = new MultiBar(
    // Our ETA comes from the job meters, which know the phases; cli-progress's own would only see the bar.
    { format: FORMAT, stream, hideCursor: true, clearOnComplete: false, autopadding: true },
    Presets.shades_classic,
  );
  const clips = new Map<string, SingleBar>();
  let overall: SingleBar | undefined;
  let total = 0;
  let settled = 0;
  let stopped = false;
  // A second stop() would move the cursor up again and let the shell prompt overwrite the summary.
  const stop = () => {
    if (stopped) return;
    stopped = true;
    bars.stop();
  };
  const key = (e: { shotId: string; take: number }) => `${e.shotId} take ${e.take}`;
  const overallDetail = () => `${settled}/${total} clips`;
  return {
    report(event: ProgressEvent) {
      if (event.event === 'start') {
        total = event.clips;
        bars.log(startLine(event) + '\n');
        overall = bars.create(100, 0, {
          label: 'overall'.padEnd(16),
          detail: overallDetail(),
          left: '--:--',
        });
      } else if (event.event === 'clip.start') {
        const label = key(event).slice(0, 16).padEnd(16);
        clips.set(key(event), bars.create(100, 0, { label, detail: 'starting', left: '--:--' }));
      } else if (event.event === 'clip.progress') {
        clips.get(key(event))?.update(Math.floor(event.fraction * 100), {
          detail: event.phase,
          left: clock(event.etaSeconds),
        });
        overall?.update(Math.floor(event.overall.fraction * 100), {
          detail: overallDetail(),
          left: clock(event.overall.etaSeconds),
        });
      } else if (event.event === 'summary') {
        // cli-progress holds logged lines until its next redraw: draw once so the last clip's line is not lost.
        bars.update();
        stop();
        for (const line of summaryLines(event)) writeSummary(line);
      } else {
        settled += 1;
        const bar = clips.get(key(event));
        if (bar) bars.remove(bar);
        clips.delete(key(event));
        // A failed clip is finished too; once all are, the overall bar is full whatever the meters said.
        overall?.update(settled === total ? 100 : overall.getProgress() * 100, { detail: overallDetail() });
        bars.log(settledLine(event) + '\n');
      }
    },
    stop,
  };
}
