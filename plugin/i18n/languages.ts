// The panel's languages, how UXP's host locale maps onto them, and the editor's remembered override.
import { z } from 'zod';

export const LanguageSchema = z.enum(['en', 'zh-CN']);
export type Language = z.infer<typeof LanguageSchema>;
/** "auto" follows Premiere's UI language; a language name pins the panel to it. */
export const LanguageChoiceSchema = z.union([z.literal('auto'), LanguageSchema]);
export type LanguageChoice = z.infer<typeof LanguageChoiceSchema>;

export const LANGUAGES = LanguageSchema.options;
export const FALLBACK_LANGUAGE: Language = 'en';
export const LANGUAGE_STORAGE_KEY = 'shotline.language';

/**
 * UXP's `host.uiLocale` is an underscore locale such as "zh_CN" or "en_US"; browsers say "zh-CN". Every
 * Chinese locale gets the Simplified catalogue (the only Chinese one), everything else English.
 */
export function languageOfLocale(locale: string | undefined | null): Language {
  return /^zh([-_]|$)/i.test(locale?.trim() ?? '') ? 'zh-CN' : FALLBACK_LANGUAGE;
}

export function resolveLanguage(choice: LanguageChoice, hostLocale: string | undefined): Language {
  return choice === 'auto' ? languageOfLocale(hostLocale) : choice;
}

type ChoiceStore = Pick<Storage, 'getItem' | 'setItem'>;

/** The remembered choice; "auto" when nothing (or something unreadable) is stored. */
export function loadLanguageChoice(store: ChoiceStore | undefined): LanguageChoice {
  try {
    const parsed = LanguageChoiceSchema.safeParse(store?.getItem(LANGUAGE_STORAGE_KEY));
    return parsed.success ? parsed.data : 'auto';
  } catch {
    return 'auto';
  }
}

export function saveLanguageChoice(store: ChoiceStore | undefined, choice: LanguageChoice): void {
  try {
    store?.setItem(LANGUAGE_STORAGE_KEY, choice);
  } catch {
    // A full or disabled storage only costs remembering the choice.
  }
}
