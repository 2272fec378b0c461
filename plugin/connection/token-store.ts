// Keeps the companion token between sessions in UXP's secure storage (encrypted per user), so an editor
// pairs once with a code and never types or reads a password field again.
import type { UxpSecureStorage } from '../host/uxp-api';

const KEY = 'shotline.companion-token';

export interface TokenStore {
  load(): Promise<string | null>;
  save(token: string): Promise<void>;
  forget(): Promise<void>;
}

export function secureTokenStore(storage: UxpSecureStorage): TokenStore {
  return {
    async load() {
      try {
        const bytes = await storage.getItem(KEY);
        const token = bytes ? new TextDecoder().decode(bytes).trim() : '';
        return token === '' ? null : token;
      } catch {
        // Adobe: secure storage "should be regarded as a cache"; a lost token just means pairing again.
        return null;
      }
    },
    save: (token) => storage.setItem(KEY, token),
    async forget() {
      // removeItem rejects when nothing was stored: forgetting twice is still forgetting.
      await storage.removeItem(KEY).catch(() => undefined);
    },
  };
}
