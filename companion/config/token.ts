// The pairing token: 256 random bits in a 0600 file, created on first start, compared in constant time.
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';

export interface PairingToken {
  value: string;
  created: boolean;
}

export function loadOrCreateToken(file: string): PairingToken {
  try {
    const value = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{32,}$/.test(value)) {
      chmodSync(file, 0o600);
      return { value, created: false };
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const value = randomBytes(32).toString('hex');
  writeFileSync(file, value + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return { value, created: true };
}
