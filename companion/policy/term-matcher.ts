// Finds listed terms in text: whole words for spaced scripts, substrings for CJK (no word breaks there).
import { policyForm } from './policy-text';

const CJK = /[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]/;
/** A term of letters, digits and single spaces: these are also found split into chunks. */
const PLAIN = /^[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*$/u;
const CHUNK = /[\p{L}\p{N}]+/gu;
/**
 * What may part the chunks of a respelled term ("vol demort", "vol - de - mort", "v o l demort"): at most
 * three spaces (each a whole run, see policyForm) or punctuation marks, never a line break, so a term is
 * never found across two fields of a shot (they are joined by lines) or across a long stretch of text.
 */
const GAP = /^[ \p{P}\p{S}]{1,3}$/u;
/** Plain English inflections count ("fight" finds "fights", not "fightback"). */
const INFLECTIONS = ['s', 'es', 'ed', 'ing'];

function escape(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class TermMatcher {
  /** Plain terms with their spaces taken out ("cuts herself" → "cutsherself"), to the term as listed. */
  private readonly plain = new Map<string, string>();
  private readonly longest: number;
  /** CJK terms (substrings) and terms with punctuation in them (whole words, as written). */
  private readonly pattern: RegExp | null;

  constructor(terms: readonly string[]) {
    const other: string[] = [];
    for (const term of terms.map((t) => policyForm(t.trim()).trim()).filter(Boolean)) {
      if (!CJK.test(term) && PLAIN.test(term)) this.plain.set(term.replace(/ /g, ''), term);
      else
        other.push(
          CJK.test(term)
            ? escape(term)
            : `(?<![\\p{L}\\p{N}])${escape(term)}(?:s|es|ed|ing)?(?![\\p{L}\\p{N}])`,
        );
    }
    this.longest = Math.max(0, ...[...this.plain.keys()].map((k) => k.length)) + 3;
    this.pattern = other.length ? new RegExp(other.join('|'), 'giu') : null;
  }

  /** The distinct words found, in their folded form (see policyForm), in order of first appearance. */
  find(text: string): string[] {
    const folded = policyForm(text);
    const hits: [number, string][] = [...this.chunked(folded)];
    if (this.pattern) for (const match of folded.matchAll(this.pattern)) hits.push([match.index, match[0]]);
    hits.sort((a, b) => a[0] - b[0]);
    return [...new Set(hits.map(([, name]) => name))];
  }

  /**
   * Plain terms spelled by one chunk or by several next to each other across short gaps. A hit always starts
   * and ends on a chunk's edge, so letters borrowed from ordinary words around it never count ("evolve
   * demure" holds no "voldemort"). Each hit is named as the term it spells ("vol demort" → "voldemort").
   */
  private *chunked(folded: string): Generator<[number, string]> {
    if (this.plain.size === 0) return;
    const chunks = [...folded.matchAll(CHUNK)];
    for (let i = 0; i < chunks.length; i++) {
      let spelled = '';
      for (let j = i; j < chunks.length; j++) {
        const chunk = chunks[j]!;
        if (j > i) {
          const before = chunks[j - 1]!;
          if (!GAP.test(folded.slice(before.index + before[0].length, chunk.index))) break;
        }
        spelled += chunk[0];
        if (spelled.length > this.longest) break;
        const name = this.named(spelled);
        if (name !== undefined) yield [chunks[i]!.index, name];
      }
    }
  }

  private named(spelled: string): string | undefined {
    const exact = this.plain.get(spelled);
    if (exact !== undefined) return exact;
    for (const suffix of INFLECTIONS) {
      const base = spelled.endsWith(suffix) ? this.plain.get(spelled.slice(0, -suffix.length)) : undefined;
      if (base !== undefined) return base + suffix;
    }
    return undefined;
  }
}
