// Finds listed terms in text: whole words for spaced scripts, substrings for CJK (no word breaks there).
import { policyForm } from './policy-text';

const CJK = /[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]/;

function escape(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class TermMatcher {
  private readonly pattern: RegExp | null;

  constructor(terms: readonly string[]) {
    const alternatives = terms
      .map((t) => policyForm(t.trim()).trim())
      .filter(Boolean)
      // Latin terms also match their plain English inflections ("fight" finds "fights", not "fightback").
      .map((t) =>
        CJK.test(t) ? escape(t) : `(?<![\\p{L}\\p{N}])${escape(t)}(?:s|es|ed|ing)?(?![\\p{L}\\p{N}])`,
      );
    this.pattern = alternatives.length ? new RegExp(alternatives.join('|'), 'giu') : null;
  }

  /** The distinct words found, in their folded form (see policyForm), in order of first appearance. */
  find(text: string): string[] {
    if (!this.pattern) return [];
    const found = new Set<string>();
    for (const match of policyForm(text).matchAll(this.pattern)) found.add(match[0]);
    return [...found];
  }
}
