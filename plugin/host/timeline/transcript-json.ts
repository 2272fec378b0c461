// Reads Premiere's transcript JSON (Transcript.exportToJSON): segments of words, times in media seconds.
import { HostError } from '../host-adapter';

// Layout (Adobe's transcript format v1.0.0, as Premiere imports and exports it):
// { language, segments: [{ language, speaker: <uuid>, start, duration, words: [{ text, start, duration,
//   confidence, eos, tags, type: "word" | "punctuation" }] }], speakers: [{ id, name }] }

export interface TranscriptSegment {
  text: string;
  /** Seconds from the start of the media (source time, not sequence time). */
  start: number;
  end: number;
  speaker?: string;
}

interface RawWord {
  text?: unknown;
  type?: unknown;
}

const CJK = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;
const CLOSING = /^[,.!?;:%)\]}'"’”，。！？；：、）」』》]/;

/** Words joined as people write them: no space before punctuation, none between CJK characters. */
export function joinWords(words: readonly RawWord[]): string {
  let text = '';
  for (const word of words) {
    const piece = typeof word.text === 'string' ? word.text : '';
    if (!piece) continue;
    const tight =
      !text ||
      word.type === 'punctuation' ||
      CLOSING.test(piece) ||
      (CJK.test(text.slice(-1)) && CJK.test(piece.charAt(0)));
    text += tight ? piece : ` ${piece}`;
  }
  return text.trim();
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function parseTranscriptJson(json: string): TranscriptSegment[] {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (err) {
    throw new HostError(
      'TRANSCRIPT_NOT_JSON',
      'The clip transcript is not valid JSON; re-transcribe the clip in the Text panel.',
      {},
      { cause: err },
    );
  }
  const root = (doc ?? {}) as { segments?: unknown; speakers?: unknown };
  if (!Array.isArray(root.segments)) {
    throw new HostError(
      'TRANSCRIPT_NO_SEGMENTS',
      'The clip transcript has no segments; re-transcribe the clip in the Text panel.',
    );
  }
  const names = new Map<string, string>();
  for (const speaker of Array.isArray(root.speakers) ? root.speakers : []) {
    const { id, name } = (speaker ?? {}) as { id?: unknown; name?: unknown };
    if (typeof id === 'string' && typeof name === 'string') names.set(id, name);
  }
  const segments: TranscriptSegment[] = [];
  for (const raw of root.segments as unknown[]) {
    const segment = (raw ?? {}) as {
      text?: unknown;
      words?: unknown;
      start?: unknown;
      duration?: unknown;
      speaker?: unknown;
    };
    const start = num(segment.start);
    const duration = num(segment.duration);
    const text =
      typeof segment.text === 'string'
        ? segment.text.trim()
        : joinWords(Array.isArray(segment.words) ? segment.words : []);
    if (start === undefined || duration === undefined || !text) continue;
    const speaker =
      typeof segment.speaker === 'string' ? (names.get(segment.speaker) ?? segment.speaker) : undefined;
    segments.push({ text, start, end: start + duration, ...(speaker ? { speaker } : {}) });
  }
  return segments.sort((a, b) => a.start - b.start);
}
