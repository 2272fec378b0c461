// Prompt text cleaned the way Wan cleans it before tokenizing, so the same words give the same tokens.
//
// Wan2.2 (wan/modules/tokenizers.py, commit 42bf4cf; umT5 is built with clean='whitespace' in wan/modules/t5.py):
//   whitespace_clean(basic_clean(text)) where basic_clean = ftfy.fix_text, html.unescape twice, strip, and
//   whitespace_clean = re.sub(r'\s+', ' ', text).strip().
// No JavaScript port of ftfy exists on npm (checked: `npm view ftfy` is a 404), so ftfy.fix_text's default fixes
// are done here for the cases prompts meet: UTF-8 read as Windows-1252 or Latin-1 (whole runs, not ftfy's
// full badness heuristic), C1 controls, Latin ligatures, full-width forms, curly quotes, terminal escapes,
// line breaks, control characters, NFC. test/fixtures/prompt-clean/ holds what the real ftfy + html make of
// a set of prompts (tools/fidelity-vectors/); the peer suite regenerates them.
import { decodeHTML, decodeHTMLStrict } from 'entities';

/** Windows-1252 bytes 0x80–0x9F as the characters Python's sloppy codec gives them (undefined bytes stay C1). */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

const BYTE_OF = new Map<string, number>();
for (let b = 0x80; b <= 0xff; b++) BYTE_OF.set(b < 0xa0 ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b), b);

/** A character that is one Windows-1252 byte 0x80–0xFF; runs of them may be UTF-8 decoded the wrong way. */
const SINGLE_BYTE_CLASS = `[\\u0080-\\u00ff${[...new Set(CP1252_HIGH)].join('')}]`;
const SINGLE_BYTE_RUN = new RegExp(`${SINGLE_BYTE_CLASS}{2,}`, 'gu');

/** Decodes the bytes as UTF-8, or gives null when they are not exactly well-formed UTF-8. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Within a run of would-be bytes, every complete UTF-8 multi-byte sequence is decoded back. */
function fixMojibakeRun(run: string): string {
  const chars = [...run];
  const bytes = chars.map((c) => BYTE_OF.get(c)!);
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const need =
      lead >= 0xc2 && lead <= 0xdf
        ? 2
        : lead >= 0xe0 && lead <= 0xef
          ? 3
          : lead >= 0xf0 && lead <= 0xf4
            ? 4
            : 0;
    if (need && i + need <= bytes.length) {
      try {
        out += strictUtf8.decode(Uint8Array.from(bytes.slice(i, i + need)));
        i += need;
        continue;
      } catch {
        // Not UTF-8 after all: keep the character as it was.
      }
    }
    out += chars[i]!;
    i++;
  }
  return out;
}

const LIGATURES: Readonly<Record<string, string>> = Object.freeze({
  Ĳ: 'IJ',
  ĳ: 'ij',
  ŉ: 'ʼn',
  Ǉ: 'LJ',
  ǈ: 'Lj',
  ǉ: 'lj',
  Ǌ: 'NJ',
  ǋ: 'Nj',
  ǌ: 'nj',
  Ǳ: 'DZ',
  ǲ: 'Dz',
  ǳ: 'dz',
  ﬀ: 'ff',
  ﬁ: 'fi',
  ﬂ: 'fl',
  ﬃ: 'ffi',
  ﬄ: 'ffl',
  ﬅ: 'ſt',
  ﬆ: 'st',
});
const LIGATURE_RE = new RegExp(`[${Object.keys(LIGATURES).join('')}]`, 'gu');

/**
 * ftfy's fix_character_width: the ideographic space and U+FF01–U+FFEF map to their NFKC form where that
 * differs. This turns the full-width commas of Wan's own Chinese negative prompt into ASCII ones, as Wan does.
 */
function fixCharacterWidth(text: string): string {
  return text.replace(/[\u3000\uff01-\uffef]/gu, (c) => (c === '\u3000' ? ' ' : c.normalize('NFKC')));
}

/** ftfy's remove_control_chars: controls that carry no text (tabs and line breaks are kept for whitespace). */
const CONTROL_RE =
  // eslint-disable-next-line no-control-regex -- control characters are what this matches
  /[\u0000-\u0008\u000b\u000e-\u001f\u007f\u206a-\u206f\ufeff\ufff9-\ufffc\u{1d173}-\u{1d17a}\u{e0000}-\u{e007f}]/gu;

/** ftfy.fix_text with its default configuration, for the fixes listed at the top of this file. */
export function fixText(input: string): string {
  let text = input;
  // unescape_html='auto': ftfy leaves entities alone in text that looks like HTML (holds '<').
  if (!text.includes('<')) text = decodeHTMLStrict(text);
  // eslint-disable-next-line no-control-regex -- control characters are what this matches
  text = text.replace(/\u001b\[[\d;]*[A-Za-z]/g, '');
  text = text.replace(SINGLE_BYTE_RUN, fixMojibakeRun);
  text = text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
  text = text.replace(LIGATURE_RE, (c) => LIGATURES[c]!);
  text = fixCharacterWidth(text);
  text = text.replace(/[\u02bc\u2018-\u201b]/g, "'").replace(/[\u201c-\u201f]/g, '"');
  text = text.replace(/\r\n|[\r\u2028\u2029\u0085]/g, '\n');
  text = text.replace(CONTROL_RE, '');
  return text.normalize('NFC');
}

/** Python's `\s` in `re` with str patterns: Unicode whitespace, including the separators JS's `\s` lacks. */
// eslint-disable-next-line no-control-regex -- control characters are what this matches
const PY_WHITESPACE = /[\s\u001c-\u001f\u0085]+/gu;

/** What Wan's umT5 tokenizer is given for a prompt (HuggingfaceTokenizer(clean='whitespace')._clean). */
export function cleanPrompt(text: string): string {
  const basic = decodeHTML(decodeHTML(fixText(text))).trim();
  return basic.replace(PY_WHITESPACE, ' ').trim();
}
