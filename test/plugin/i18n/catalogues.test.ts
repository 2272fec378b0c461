// The two catalogues say the same things: every key in both, the plural forms each language needs, the same
// placeholders, a wording for every protocol error code, and the glossary with Premiere's Chinese terms.
import en from '../../../plugin/locales/en.json';
import zhCN from '../../../plugin/locales/zh-CN.json';
import { ErrorCodeSchema, PreflightCodeSchema } from '../../../shared/protocol';
import { SHARED_SENTENCE_CODES } from '../../../shared/sentence-codes';
import { HostErrorCodeSchema } from '../../../plugin/host/host-error';

type Tree = { [key: string]: string | Tree };
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const catalogues = { en: flatten(en), 'zh-CN': flatten(zhCN) };
const baseKeys = (messages: Map<string, string>) =>
  new Set([...messages.keys()].map((k) => k.replace(PLURAL, '')));
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]).sort();

test('every English key exists in Chinese and every Chinese key in English (plural forms aside)', () => {
  const english = baseKeys(catalogues.en);
  const chinese = baseKeys(catalogues['zh-CN']);
  expect([...english].filter((k) => !chinese.has(k))).toEqual([]);
  expect([...chinese].filter((k) => !english.has(k))).toEqual([]);
});

test.each(Object.entries(catalogues))(
  '%s has every plural form its language uses, and no other',
  (lng, messages) => {
    const forms = new Intl.PluralRules(lng).resolvedOptions().pluralCategories.sort();
    const plurals = new Map<string, string[]>();
    for (const key of messages.keys()) {
      const form = PLURAL.exec(key)?.[1];
      if (form) plurals.set(key.replace(PLURAL, ''), [...(plurals.get(key.replace(PLURAL, '')) ?? []), form]);
    }
    expect(plurals.size).toBeGreaterThan(0);
    for (const [key, found] of plurals) expect([key, found.sort()]).toEqual([key, forms]);
  },
);

test('a message uses the same placeholders in both languages', () => {
  const other = (key: string) =>
    catalogues['zh-CN'].get(key) ?? catalogues['zh-CN'].get(key.replace(PLURAL, '_other'));
  for (const [key, text] of catalogues.en) {
    const chinese = other(key);
    // Chinese has no "one" form: its single message may drop what English needs only for one.
    if (chinese !== undefined) expect([key, placeholders(chinese)]).toEqual([key, placeholders(text)]);
  }
});

test('every protocol error code is worded in both languages', () => {
  for (const messages of Object.values(catalogues)) {
    const missing = ErrorCodeSchema.options.filter((code) => !messages.has(`companionError.${code}`));
    expect(missing).toEqual([]);
  }
});

test('every code of a sentence built in shared/ is worded in both languages', () => {
  for (const messages of Object.values(catalogues)) {
    const keys = baseKeys(messages);
    const missing = SHARED_SENTENCE_CODES.filter((code) => !keys.has(`shared.${code}`));
    expect(missing).toEqual([]);
  }
});

test('every host adapter failure code is worded in both languages', () => {
  for (const messages of Object.values(catalogues)) {
    const missing = HostErrorCodeSchema.options.filter((code) => !messages.has(`hostError.${code}`));
    expect(missing).toEqual([]);
  }
});

test('every preflight check code is worded in both languages', () => {
  for (const messages of Object.values(catalogues)) {
    const missing = PreflightCodeSchema.options.filter((code) => !messages.has(`check.${code}`));
    expect(missing).toEqual([]);
  }
});

test('the glossary at the top holds the terms of Premiere’s Chinese UI and of previs', () => {
  expect(Object.keys(zhCN)[0]).toBe('_glossary');
  const glossary = Object.values(zhCN._glossary).join('\n');
  for (const term of [
    '序列',
    '轨道',
    '标记',
    '入点',
    '出点',
    '镜头',
    '分镜',
    '预演',
    '素材箱',
    '播放指示器',
  ]) {
    expect(glossary).toContain(term);
  }
});

/** Product names read the same in both languages. */
const NAMES = new Set(['script.format.fdx', 'script.format.fountain']);

test('the Chinese catalogue is Chinese: no English sentence left untranslated', () => {
  const english = new Set(catalogues.en.values());
  const same = [...catalogues['zh-CN']]
    .filter(
      ([key, text]) =>
        english.has(text) &&
        /[a-z]{3,} [a-z]{3,}/i.test(text) &&
        !key.startsWith('_glossary') &&
        !NAMES.has(key),
    )
    .map(([key]) => key);
  expect(same).toEqual([]);
});
