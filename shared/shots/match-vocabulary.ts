// Finds vocabulary terms in text and turns them into labels in the text's language.
import type { PromptLanguage } from './language';
import type { VocabularyTerm } from './vocabulary';

export interface TermMatch {
  readonly term: VocabularyTerm;
  readonly index: number;
  readonly length: number;
  readonly captures: readonly string[];
}

/** Each term once, at its earliest match, in text order; a longer match wins a tie ("extreme wide" over "wide"). */
export function findTerms(text: string, terms: readonly VocabularyTerm[]): TermMatch[] {
  const matches: TermMatch[] = [];
  for (const term of terms) {
    let best: TermMatch | null = null;
    for (const pattern of term.patterns) {
      const match = pattern.exec(text);
      if (!match) continue;
      if (
        !best ||
        match.index < best.index ||
        (match.index === best.index && match[0].length > best.length)
      ) {
        best = {
          term,
          index: match.index,
          length: match[0].length,
          captures: match.slice(1).map((c) => c ?? ''),
        };
      }
    }
    if (best) matches.push(best);
  }
  matches.sort((a, b) => a.index - b.index || b.length - a.length);
  // A term inside a longer term's match ("wide" in "extreme wide") is part of that term, not a second one.
  return matches.filter(
    (match, i) =>
      !matches.some(
        (other, j) =>
          j !== i &&
          other.length > match.length &&
          other.index <= match.index &&
          other.index + other.length >= match.index + match.length,
      ),
  );
}

export function termLabel(match: TermMatch, language: PromptLanguage): string {
  return match.term[language].replace(
    /\{(\d)\}/g,
    (_, group: string) => match.captures[Number(group) - 1] ?? '',
  );
}

export function firstTermLabel(
  text: string,
  terms: readonly VocabularyTerm[],
  language: PromptLanguage,
): string {
  const first = findTerms(text, terms)[0];
  return first ? termLabel(first, language) : '';
}

export function allTermLabels(
  text: string,
  terms: readonly VocabularyTerm[],
  language: PromptLanguage,
): string[] {
  return findTerms(text, terms).map((match) => termLabel(match, language));
}
