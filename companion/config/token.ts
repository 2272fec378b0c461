// The pairing token: 256 random bits in a 0600 file, created on first start, compared in constant time.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, openSync, readFileSync, writeSync } from 'node:fs';
import { ConfigError } from './config-error';

export interface PairingToken {
  value: string;
  created: boolean;
}

/** What this companion writes: 32 random bytes as hex. Anything shorter or patterned is refused. */
const TOKEN_FORMAT = /^[0-9a-f]{64}$/;
const MIN_DISTINCT_DIGITS = 8;

/** Never through a symbolic link: another local user could point it at a file they can read. */
const NO_FOLLOW = constants.O_NOFOLLOW;

function openNoFollow(file: string, flags: number, mode?: number): number {
  try {
    return openSync(file, flags | NO_FOLLOW, mode);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOOP')
      throw new ConfigError(
        'TOKEN_IS_LINK',
        `${file} is a symbolic link; the token file must be a plain file. Remove the link.`,
      );
    throw err;
  }
}

function weakness(value: string): string | undefined {
  if (!TOKEN_FORMAT.test(value)) return 'it is not 64 hex digits';
  if (new Set(value).size < MIN_DISTINCT_DIGITS) return 'it repeats a few digits, so it is guessable';
  return undefined;
}

export function loadOrCreateToken(file: string): PairingToken {
  let fd: number;
  try {
    fd = openNoFollow(file, constants.O_RDONLY);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return createToken(file);
  }
  try {
    const value = readFileSync(fd, 'utf8').trim();
    const weak = weakness(value);
    if (weak)
      throw new ConfigError(
        'TOKEN_WEAK',
        `The token in ${file} is too weak (${weak}). Delete the file to have a new one made.`,
      );
    fchmodSync(fd, 0o600);
    return { value, created: false };
  } finally {
    closeSync(fd);
  }
}

function createToken(file: string): PairingToken {
  const value = randomBytes(32).toString('hex');
  // O_EXCL: a file (or link) that appeared meanwhile is not overwritten.
  const fd = openNoFollow(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    writeSync(fd, value + '\n');
    fchmodSync(fd, 0o600);
  } finally {
    closeSync(fd);
  }
  return { value, created: true };
}
