// Script lines taken from the timeline: one per marker or transcript segment, each keeping its time.
import type { MarkerLine, TranscriptLine } from '../host/host-adapter';
import type { LineTiming, ScriptSource } from './script-shots';

/** One line of plain text: a line break inside a marker comment would split one shot into two. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function toSource(entries: { text: string; timing: LineTiming }[], origin: string): ScriptSource {
  const timings = new Map<number, LineTiming>();
  entries.forEach((entry, index) => timings.set(index + 1, entry.timing));
  return { text: entries.map((entry) => entry.text).join('\n'), format: 'text', fileName: origin, timings };
}

/** Name and comments make the line; the start places the clip; a marker with a length sets the clip's. */
export function markersToSource(markers: readonly MarkerLine[]): ScriptSource {
  const entries = markers.flatMap((marker) => {
    const text = [oneLine(marker.name), oneLine(marker.comments)].filter(Boolean).join(': ');
    if (text === '') return [];
    const hasLength = BigInt(marker.durationTicks || '0') > 0n;
    return [
      {
        text,
        timing: { startTicks: marker.startTicks, ...(hasLength && { durationTicks: marker.durationTicks }) },
      },
    ];
  });
  return toSource(entries, 'sequence markers');
}

/** Each segment is a line, placed where it is spoken and as long as it lasts. */
export function transcriptToSource(lines: readonly TranscriptLine[]): ScriptSource {
  const entries = lines.flatMap((line) => {
    const text = oneLine(line.text);
    if (text === '') return [];
    const length = BigInt(line.endTicks) - BigInt(line.startTicks);
    return [
      {
        text,
        timing: { startTicks: line.startTicks, ...(length > 0n && { durationTicks: length.toString() }) },
      },
    ];
  });
  return toSource(entries, 'clip transcript');
}
