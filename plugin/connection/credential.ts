// What the editor typed in the pairing field, read as a one-time code or a pasted token.
import { t } from '../i18n/i18n';
import { noCredentialMessage } from './connection-messages';

export type Credential = { pairingCode: string } | { token: string };

const CODE = /^\d{4}[- ]?\d{4}$/;
const TOKEN = /^[0-9a-f]{32,256}$/i;

export type ReadCredential = { ok: true; credential: Credential } | { ok: false; message: string };

/** A code or token typed now wins; otherwise the token saved from an earlier pairing. */
export function readCredential(typed: string, saved: string | null): ReadCredential {
  const text = typed.trim();
  if (CODE.test(text)) return { ok: true, credential: { pairingCode: text } };
  if (TOKEN.test(text)) return { ok: true, credential: { token: text } };
  if (text === '' && saved) return { ok: true, credential: { token: saved } };
  return {
    ok: false,
    message: text === '' ? noCredentialMessage() : t('connection.message.badCode'),
  };
}
