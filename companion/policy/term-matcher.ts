// Finds listed terms in text: whole words for spaced scripts, substrings for CJK (no word breaks there).
import { policyForm } from './policy-text';

const CJK = /[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/**
 * What may split a respelled term into chunks ("vol demort", "vol - de - mort", "v o l demort"): at most
 * three spaces (each a whole run, see policyForm) or punctuation marks in a row, never a line break, so a term is never found across two fields
 * of a shot (they are joined by lines) or across a long stretch of text.
 */
const GAP = '[ \\p{P}\\p{S}]{1,3}';
const GAPS = new RegExp(GAP, 'gu');
const INFLECTIONS = ['', 's', 'es', 'ed', 'ing'];

function escape(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A Latin-script term as a pattern whose letters may be split by short gaps. The match must start where a
 * word starts and end where one ends, so it is always the term spelled by whole chunks, never letters
 * borrowed from ordinary words around it ("evolve demure" holds no "voldemort"). Plain English inflections
 * count ("fight" finds "fights", not "fightback").
 */
function chunkedPattern(term: string): string {
  const chars = [...term.replace(/\s+/gu, ' ')];
  const wordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);
  const body = chars
    .map((char, i) => {
      // The space of a term of several words ("cuts herself") is a gap too, and may be left out.
      if (char === ' ') return `(?:${GAP})?`;
      return escape(char) + (wordChar(char) && wordChar(chars[i + 1]) ? `(?:${GAP})?` : '');
    })
    .join('');
  return `(?<![\\p{L}\\p{N}])${body}(?:s|es|ed|ing)?(?![\\p{L}\\p{N}])`;
}

/** A term or a match with its gaps taken out: the form a chunked match is traced back to its term in. */
function joined(text: string): string {
  return text.replace(GAPS, '');
}

export class TermMatcher {
  private readonly pattern: RegExp | null;
  private readonly terms: string[];

  constructor(terms: readonly string[]) {
    this.terms = terms.map((t) => policyForm(t.trim()).trim()).filter(Boolean);
    const alternatives = this.terms.map((t) => (CJK.test(t) ? escape(t) : chunkedPattern(t)));
    this.pattern = alternatives.length ? new RegExp(alternatives.join('|'), 'giu') : null;
  }

  /** The distinct words found, in their folded form (see policyForm), in order of first appearance. */
  find(text: string): string[] {
    if (!this.pattern) return [];
    const found = new Set<string>();
    for (const match of policyForm(text).matchAll(this.pattern)) found.add(this.named(match[0]));
    return [...found];
  }

  /** A chunked match is reported as the term it spells ("vol demort" → "voldemort"), inflection kept. */
  private named(match: string): string {
    const spelled = joined(match);
    for (const term of this.terms) {
      const base = joined(term);
      const suffix = spelled.slice(base.length);
      if (spelled.startsWith(base) && INFLECTIONS.includes(suffix)) return term + suffix;
    }
    return match;
  }
}
