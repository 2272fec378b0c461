// The form both policy terms and shot text are compared in, so respelling a word does not get it past.
import { remove as confusableSkeleton } from 'confusables';

/**
 * Folds the usual disguises away, in this order: NFKC (full-width letters, ligatures), format characters
 * (zero-width spaces and joiners, bidi controls, soft hyphens), confusable look-alikes and accents
 * (Cyrillic "о", Greek "ο", "ó" all become "o", via the `confusables` tables), case, punctuation inside a
 * word ("f.i.g.h.t", "fi-ght"), runs of spaces, and letters spaced apart ("f i g h t"; Han characters never
 * take spaces). A term split into chunks ("vol demort") is found by TermMatcher, which sees the gaps.
 * Terms go through the same steps, so a term and any respelling of it meet in one form.
 */
export function policyForm(text: string): string {
  return confusableSkeleton(
    text
      .normalize('NFKC')
      .replace(/\p{Cf}+/gu, '')
      // Runs of spaces and tabs count as one gap; line breaks stay (they part a shot's fields).
      .replace(/[\p{Zs}\t]+/gu, ' '),
  )
    .normalize('NFKC')
    .toLowerCase()
    .replace(/(?<=\p{L})[\p{P}\p{S}]+(?=\p{L})/gu, '')
    .replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, '')
    .replace(/(?<![\p{L}\p{N}])\p{L}(?:\s+\p{L}(?![\p{L}\p{N}])){2,}/gu, (run) => run.replace(/\s+/gu, ''));
}
