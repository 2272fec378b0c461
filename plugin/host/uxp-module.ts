// The one place that loads `uxp` and `os`: inside a UXP host they exist; in the harness and jest they do not.
import type { PanelPlatform } from '../connection/connection-messages';
import type { UxpApi } from './uxp-api';

export function loadUxp(): UxpApi | null {
  try {
    // An external in the UXP build (webpack), an empty module in the harness, unresolvable under jest.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const candidate = require('uxp') as Partial<UxpApi> | undefined;
    return typeof candidate?.storage?.localFileSystem?.getFileForOpening === 'function'
      ? (candidate as UxpApi)
      : null;
  } catch {
    return null;
  }
}

/** UXP's `os.platform()` answers "darwin" or "win32"; outside UXP the browser's platform string decides. */
export function hostPlatform(): PanelPlatform {
  let name: string | undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    name = (require('os') as { platform?: () => string } | undefined)?.platform?.();
  } catch {
    name = undefined;
  }
  return platformOf(name ?? (typeof navigator === 'undefined' ? '' : navigator.platform));
}

export function platformOf(name: string): PanelPlatform {
  if (/^(darwin|mac)/i.test(name)) return 'mac';
  if (/^win/i.test(name)) return 'windows';
  return 'other';
}
