// Cuts text to a length limit without splitting a Chinese character, emoji or combining sequence in half.

/** User-perceived characters: Intl.Segmenter where the engine has it, code points otherwise (never UTF-16 halves). */
export function graphemes(text: string): string[] {
  const Segmenter = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  if (Segmenter)
    return Array.from(new Segmenter(undefined, { granularity: 'grapheme' }).segment(text), (s) => s.segment);
  return Array.from(text);
}

/**
 * The longest run of whole graphemes that fits `maxUnits` UTF-16 code units: protocol limits count string
 * length in code units, and a plain slice there can leave half of a surrogate pair (𠮷, emoji).
 */
export function cutToLength(text: string, maxUnits: number): string {
  if (text.length <= maxUnits) return text;
  let kept = '';
  for (const part of graphemes(text)) {
    if (kept.length + part.length > maxUnits) break;
    kept += part;
  }
  return kept;
}
