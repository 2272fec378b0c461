// Decides whether text is Chinese or English, so generated wording matches what the user wrote.
export type PromptLanguage = 'en' | 'zh';

const HAN = /\p{Script=Han}/gu;
const LATIN_LETTER = /\p{Script=Latin}/gu;

/**
 * By proportion, never by one sign: a Han character carries about as much as three Latin letters, so Chinese
 * wins when its characters, so weighted, outnumber the letters. "A sign reads 龙门客栈" stays English.
 */
export function detectLanguage(...texts: readonly string[]): PromptLanguage {
  let han = 0;
  let latin = 0;
  for (const text of texts) {
    han += text.match(HAN)?.length ?? 0;
    latin += text.match(LATIN_LETTER)?.length ?? 0;
  }
  return han > 0 && han * 3 >= latin ? 'zh' : 'en';
}

/** Joins list items with the comma the language uses. */
export function joinList(items: readonly string[], language: PromptLanguage): string {
  return items.filter((item) => item !== '').join(language === 'zh' ? '，' : ', ');
}
