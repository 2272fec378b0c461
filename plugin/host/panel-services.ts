// What the panel needs from UXP besides the editing host: file pickers, the saved token, the OS.
import { uxpHostLocale, type HostLocale } from '../i18n/host-locale';
import type { PanelPlatform } from '../connection/connection-messages';
import { secureTokenStore, type TokenStore } from '../connection/token-store';
import { uxpMediaPicker, type MediaPicker } from './media-picker';
import { SimulatedUxp } from './simulated/uxp';
import { uxpTextFiles, type TextFiles } from './text-files';
import type { UxpApi } from './uxp-api';
import { hostPlatform, loadUxp } from './uxp-module';

export interface PanelServices {
  files: TextFiles;
  /** Storyboard stills and folders, by path. */
  media: MediaPicker;
  tokens: TokenStore;
  platform: PanelPlatform;
  /** Premiere's UI language; absent in tests that do not care (the panel then speaks English). */
  locale?: HostLocale;
}

export function panelServices(
  uxp: UxpApi,
  platform: PanelPlatform,
  locale: HostLocale = uxpHostLocale(uxp),
): PanelServices {
  return {
    files: uxpTextFiles(uxp),
    media: uxpMediaPicker(uxp),
    tokens: secureTokenStore(uxp.storage.secureStorage),
    platform,
    locale,
  };
}

/** UXP's own storage inside a host; the stand-in (which tests and the harness drive) everywhere else. */
export function loadPanelServices(platform: PanelPlatform = hostPlatform()): {
  services: PanelServices;
  simulatedUxp: SimulatedUxp | null;
} {
  const real = loadUxp();
  if (real) return { services: panelServices(real, platform), simulatedUxp: null };
  const simulatedUxp = new SimulatedUxp();
  return { services: panelServices(simulatedUxp, platform, simulatedUxp.locale), simulatedUxp };
}
