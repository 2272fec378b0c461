// Which catalogue the panel shows: UXP's host locale ("zh_CN", "en_US") unless the editor chose one, remembered.
import {
  LANGUAGE_STORAGE_KEY,
  languageOfLocale,
  loadLanguageChoice,
  resolveLanguage,
  saveLanguageChoice,
} from '../../../plugin/i18n/languages';

class MemoryStore {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

test.each([
  ['zh_CN', 'zh-CN'],
  ['zh-CN', 'zh-CN'],
  ['zh-Hans-CN', 'zh-CN'],
  ['zh_TW', 'zh-CN'],
  ['zh', 'zh-CN'],
  ['en_US', 'en'],
  ['en_GB', 'en'],
  ['fr_FR', 'en'],
  ['zhx_XX', 'en'],
  ['', 'en'],
  [undefined, 'en'],
])('host locale %p shows the %s catalogue', (locale, language) => {
  expect(languageOfLocale(locale)).toBe(language);
});

test('"auto" follows the host; a chosen language wins over it', () => {
  expect(resolveLanguage('auto', 'zh_CN')).toBe('zh-CN');
  expect(resolveLanguage('en', 'zh_CN')).toBe('en');
  expect(resolveLanguage('zh-CN', 'en_US')).toBe('zh-CN');
});

test('the choice is remembered, and anything unreadable in storage means "auto"', () => {
  const store = new MemoryStore();
  expect(loadLanguageChoice(store)).toBe('auto');
  saveLanguageChoice(store, 'zh-CN');
  expect(store.items.get(LANGUAGE_STORAGE_KEY)).toBe('zh-CN');
  expect(loadLanguageChoice(store)).toBe('zh-CN');
  store.setItem(LANGUAGE_STORAGE_KEY, 'klingon');
  expect(loadLanguageChoice(store)).toBe('auto');
  expect(loadLanguageChoice(undefined)).toBe('auto');
});
