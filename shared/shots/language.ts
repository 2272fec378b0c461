// Decides whether text is Chinese or English, so generated wording matches what the user wrote.
export type PromptLanguage = 'en' | 'zh';

const HAN = /\p{Script=Han}/u;

export function detectLanguage(...texts: readonly string[]): PromptLanguage {
  return texts.some((text) => HAN.test(text)) ? 'zh' : 'en';
}

/** Joins list items with the comma the language uses. */
export function joinList(items: readonly string[], language: PromptLanguage): string {
  return items.filter((item) => item !== '').join(language === 'zh' ? '，' : ', ');
}
