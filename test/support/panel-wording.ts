// How the panel words a companion error in each language: English is the companion's own sentence, Chinese is a
// Chinese sentence with no English left but the facts it carries (paths, names, the server's own text).
import { i18n } from '../../plugin/i18n/i18n';
import { wireErrorText } from '../../plugin/i18n/wire-error';
import { ShotlineError, WireErrorSchema, type WireError } from '../../shared/protocol';

/** Product names may stay Latin in a Chinese sentence; nothing else but the params may. */
const NAMES = ['H.264', 'DashScope', 'ComfyUI'];

export function englishLeft(text: string, error: WireError): string[] {
  let rest = text;
  // Longest first: a detail may quote a shorter param (onnxruntime's text names the path it could not open).
  const facts = [...Object.values(error.params ?? {}).map(String), ...NAMES].sort(
    (a, b) => b.length - a.length,
  );
  for (const value of facts) rest = rest.split(value).join(' ');
  return rest.match(/[A-Za-z]{3,}[ ,'][A-Za-z]{2,}/g) ?? [];
}

/**
 * The error as the panel gets it: JSON over the socket, parsed with the protocol's schema. A wire error itself
 * is taken as it is (from a module copy `jest.isolateModules` loaded); anything else fails the parse.
 */
export function asReceived(err: unknown): WireError {
  const wire = err instanceof ShotlineError ? err.toWire() : err;
  return WireErrorSchema.parse(JSON.parse(JSON.stringify(wire ?? null)));
}

/** The error's wording in both languages, for a test to check; the panel is left in English. */
export function panelWording(err: unknown): {
  error: WireError;
  en: string;
  zh: string;
  englishLeft: string[];
} {
  const error = asReceived(err);
  void i18n.changeLanguage('en');
  const en = wireErrorText(error);
  void i18n.changeLanguage('zh-CN');
  const zh = wireErrorText(error);
  void i18n.changeLanguage('en');
  return { error, en, zh, englishLeft: englishLeft(zh, error) };
}

/** Checks one error reads in both languages: the English sentence unchanged, the Chinese one with no English left. */
export function expectWordedInBothLanguages(err: unknown): void {
  const { error, en, zh, englishLeft: left } = panelWording(err);
  expect(error.params).toEqual(expect.any(Object));
  expect(en).toBe(error.message);
  expect({ zh, left }).toEqual({ zh: expect.stringMatching(/\p{Script=Han}/u), left: [] });
}
