// Job ids and file names derived from user text, safe on every file system.
import { randomBytes } from 'node:crypto';

export function newJobId(): string {
  return `job_${randomBytes(9).toString('base64url')}`;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * Invisible or reordering characters: C0 and C1 controls (\p{Cc}), and format characters (\p{Cf}: bidi
 * overrides and isolates, zero-width spaces and joiners, the BOM, soft hyphens). A bidi override makes
 * "shot‮4pm.exe" read as something else; none of them can be seen in the panel or a file browser.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}]+/gu;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Cuts at most `max` UTF-16 units on a grapheme boundary: never half a surrogate pair or an accent. */
function cutOnGraphemes(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  for (const { segment } of graphemes.segment(text)) {
    if (end + segment.length > max) break;
    end += segment.length;
  }
  return text.slice(0, end);
}

/** Makes a file-name stem from user text: no separators, dots-only, invisible characters or reserved names. */
export function safeFileStem(text: string, maxLength = 64): string {
  const cleaned = cutOnGraphemes(
    text
      .normalize('NFC')
      // Tab and newline separate words; other invisible characters simply go.
      .replace(/[\t\n\r\v\f]+/g, ' ')
      .replace(INVISIBLE, '')
      .replace(/[<>:"/\\|?*]+/g, '_')
      .replace(/\s+/g, '_')
      .replace(/_+/g, '_')
      .replace(/^[._]+/, ''),
    maxLength,
  ).replace(/[._ ]+$/g, '');
  if (!cleaned || WINDOWS_RESERVED.test(cleaned)) return `shot_${cleaned || 'untitled'}`;
  return cleaned;
}
