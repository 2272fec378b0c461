// On a terminal: an overall bar and one bar per clip in flight, drawn by cli-progress on stderr.
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { clock, settledLine, startLine, summaryLines } from './format';
import type { ProgressEvent, ProgressReporter } from './progress-event';

const FORMAT = '{label} {bar} {percentage}% | {detail} | ETA {eta}';

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
  const key = (e: { shotId: string; take: number }) => `${e.shotId} take ${e.take}`;
  const overallDetail = () => `${settled}/${total} clips`;
  return {
    report(event: ProgressEvent) {
      if (event.event === 'start') {
        total = event.clips;
        bars.log(startLine(event) + '\n');
        overall = bars.create(100, 0, { label: 'overall'.padEnd(16), detail: overallDetail(), eta: '--:--' });
      } else if (event.event === 'clip.start') {
        const label = key(event).slice(0, 16).padEnd(16);
        clips.set(key(event), bars.create(100, 0, { label, detail: 'starting', eta: '--:--' }));
      } else if (event.event === 'clip.progress') {
        clips.get(key(event))?.update(Math.floor(event.fraction * 100), {
          detail: event.phase,
          eta: clock(event.etaSeconds),
        });
        overall?.update(Math.floor(event.overall.fraction * 100), {
          detail: overallDetail(),
          eta: clock(event.overall.etaSeconds),
        });
      } else if (event.event === 'summary') {
        bars.stop();
        for (const line of summaryLines(event)) writeSummary(line);
      } else {
        settled += 1;
        const bar = clips.get(key(event));
        if (bar) bars.remove(bar);
        clips.delete(key(event));
        overall?.update({ detail: overallDetail() });
        bars.log(settledLine(event) + '\n');
      }
    },
    stop: () => bars.stop(),
  };
}
