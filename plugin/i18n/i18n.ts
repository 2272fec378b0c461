// The panel's one i18next instance, with both catalogues bundled by webpack (UXP panels load no files at run time).
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../locales/en.json';
import zhCN from '../locales/zh-CN.json';
import { FALLBACK_LANGUAGE, LANGUAGES, type Language } from './languages';

export const resources = { en: { translation: en }, 'zh-CN': { translation: zhCN } } as const;

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources,
  lng: FALLBACK_LANGUAGE,
  fallbackLng: FALLBACK_LANGUAGE,
  supportedLngs: LANGUAGES,
  // Resources are in memory: initialise synchronously so the first render already has its words.
  initAsync: false,
  // React escapes text itself; i18next escaping would show "&amp;" in labels.
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Words outside React components (helpers that build sentences) read the panel's current language. */
export const t = i18n.t.bind(i18n);

export function setPanelLanguage(language: Language): void {
  if (i18n.language !== language) void i18n.changeLanguage(language);
  // The page's lang picks Simplified Chinese glyphs for CJK text (not Japanese ones) and the right line breaks.
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}
