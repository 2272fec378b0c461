// Follows Premiere's theme: UXP's document.theme names it ("light", "dark", "darkest") and tells of
// changes; the name goes on <body> as theme-<name>, and panel.css picks the colours for it.
// https://developer.adobe.com/premiere-pro/uxp/resources/recipes/css-styling/
export type ThemeName = 'lightest' | 'light' | 'medium' | 'dark' | 'darkest';

interface UxpTheme {
  getCurrent(): string;
  onUpdated: { addListener(listener: (theme: string) => void): void };
}

const NAMES: readonly ThemeName[] = ['lightest', 'light', 'medium', 'dark', 'darkest'];

function toTheme(name: string | undefined): ThemeName {
  return NAMES.find((n) => n === name) ?? 'dark';
}

export function applyTheme(body: HTMLElement, name: string | undefined): void {
  for (const n of NAMES) body.classList.remove(`theme-${n}`);
  body.classList.add(`theme-${toTheme(name)}`);
}

/** Applies the host's theme now and on every change; `fallback` names one where there is no UXP theme. */
export function followHostTheme(doc: Document, fallback?: string): void {
  const theme = (doc as Document & { theme?: Partial<UxpTheme> }).theme;
  if (typeof theme?.getCurrent === 'function') {
    applyTheme(doc.body, theme.getCurrent());
    theme.onUpdated?.addListener((next) => applyTheme(doc.body, next));
    return;
  }
  applyTheme(doc.body, fallback);
}
