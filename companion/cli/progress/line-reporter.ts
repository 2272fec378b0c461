// Plain one-line updates for logs and pipes (not a TTY): no escape codes, progress at most once a second.
import { clock, percent, settledLine, startLine, summaryLines } from './format';
import type { ProgressEvent, ProgressReporter } from './progress-event';

export const LINE_INTERVAL_MS = 1000;

export function lineReporter(write: (line: string) => void, now: () => number = Date.now): ProgressReporter {
  let lastProgressAt = -Infinity;
  let settled = 0;
  let clips = 0;
  return {
    report(event: ProgressEvent) {
      if (event.event === 'start') {
        clips = event.clips;
        write(startLine(event));
      } else if (event.event === 'clip.progress') {
        if (now() - lastProgressAt < LINE_INTERVAL_MS) return;
        lastProgressAt = now();
        write(
          `[${settled}/${clips}] ${percent(event.overall.fraction)} eta ${clock(event.overall.etaSeconds)} · ` +
            `${event.shotId} take ${event.take} ${event.phase} ${percent(event.fraction)}`,
        );
      } else if (event.event === 'summary') {
        for (const line of summaryLines(event)) write(line);
      } else {
        const line = settledLine(event);
        if (line) write(`[${++settled}/${clips}] ${line}`);
      }
    },
    stop() {},
  };
}
