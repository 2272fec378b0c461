// Plain-words explanations for connection failures, shown to editors rather than socket jargon.
import { t } from '../i18n/i18n';

export function invalidUrlMessage(url: string): string | null {
  if (/^wss?:\/\/[^\s/]+(:\d+)?(\/\S*)?$/.test(url.trim())) return null;
  return t('connection.message.invalidUrl', { url });
}

/** Where the panel runs: some causes exist on one OS only, and the others should not read about them. */
export type PanelPlatform = 'mac' | 'windows' | 'other';

export function cannotOpenMessage(url: string, platform: PanelPlatform = 'other'): string {
  // Reported for some Premiere versions on macOS only: cleartext ws:// blocked by the OS's transport rules.
  return platform === 'mac'
    ? t('connection.message.cannotOpenMac', { url })
    : t('connection.message.cannotOpen', { url });
}

export const noCredentialMessage = () => t('connection.message.noCredential');

export function refusedToOpenMessage(url: string, detail: string): string {
  return t('connection.message.refused', { url, detail });
}

export function connectionLostMessage(code: number, reason: string): string {
  return reason
    ? t('connection.message.lostReason', { code, reason })
    : t('connection.message.lost', { code });
}

export const tokenRejectedMessage = () => t('connection.message.tokenRejected');
