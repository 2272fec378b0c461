// Human wording shared by the line and bar reporters: durations, percentages and the end summary.
import type { ProgressEvent, SummaryEvent } from './progress-event';

export function clock(seconds: number | null): string {
  if (seconds === null) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

export const percent = (fraction: number): string => `${Math.floor(fraction * 100)}%`;

export function startLine(event: Extract<ProgressEvent, { event: 'start' }>): string {
  return `Rendering ${event.clips} clip(s) with ${event.backend}, ${event.jobs} at a time, into ${event.outDir}`;
}

/** The line a finished or failed clip leaves behind; undefined for events that leave none. */
export function settledLine(event: ProgressEvent): string | undefined {
  if (event.event === 'clip.done')
    return `done    ${event.shotId} take ${event.take} -> ${event.path} (${event.seconds.toFixed(1)} s)`;
  if (event.event === 'clip.failed')
    return `failed  ${event.shotId} take ${event.take}: ${event.code} ${event.message}`;
  return undefined;
}

export function summaryLines(summary: SummaryEvent): string[] {
  const total = summary.made + summary.failed.length;
  const lines = [
    `Made ${summary.made} of ${total} clip(s) in ${summary.seconds.toFixed(1)} s into ${summary.outDir}`,
  ];
  for (const f of summary.failed) lines.push(`Failed: ${f.shotId} take ${f.take}: ${f.code} ${f.message}`);
  if (summary.timeline) lines.push(`Timeline: ${summary.timeline.xml}, ${summary.timeline.otio}`);
  if (summary.open) lines.push(`Open it: ${summary.open}`);
  return lines;
}
