// Script lines taken from the timeline: one per marker or transcript segment, each keeping its time.
import type { MarkerLine, TranscriptLine } from '../host/host-adapter';
import { cutToLength } from '../i18n/graphemes';
import type { LineTiming, ScriptSource } from './script-shots';

/** One line of plain text: a line break inside a marker comment would split one shot into two. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

interface TimelineEntry {
  text: string;
  timing: LineTiming;
  shotId?: string;
}

function toSource(entries: TimelineEntry[], origin: string): ScriptSource {
  const timings = new Map<number, LineTiming>();
  const shotIds = new Map<number, string>();
  entries.forEach((entry, index) => {
    timings.set(index + 1, entry.timing);
    if (entry.shotId) shotIds.set(index + 1, entry.shotId);
  });
  const text = entries.map((entry) => entry.text).join('\n');
  return { text, format: 'text', fileName: origin, timings, ...(shotIds.size > 0 && { shotIds }) };
}

/** Bins and clip names show the shot id: a marker's own name reads best, else its place in the sequence. */
const MARKER_ID_LENGTH = 40;

function markerShotIds(markers: readonly MarkerLine[]): string[] {
  const taken = new Map<string, number>();
  return markers.map((marker, index) => {
    const base = cutToLength(oneLine(marker.name), MARKER_ID_LENGTH).trim() || `Marker ${index + 1}`;
    const seen = (taken.get(base) ?? 0) + 1;
    taken.set(base, seen);
    // Two markers with one name are still two shots: the second is "Name (2)".
    return seen === 1 ? base : `${base} (${seen})`;
  });
}

/** Name and comments make the line; the start places the clip; a marker with a length sets the clip's. */
export function markersToSource(markers: readonly MarkerLine[]): ScriptSource {
  const ids = markerShotIds(markers);
  const entries = markers.flatMap((marker, index) => {
    const text = [oneLine(marker.name), oneLine(marker.comments)].filter(Boolean).join(': ');
    if (text === '') return [];
    const hasLength = BigInt(marker.durationTicks || '0') > 0n;
    return [
      {
        text,
        timing: { startTicks: marker.startTicks, ...(hasLength && { durationTicks: marker.durationTicks }) },
        shotId: ids[index] as string,
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
