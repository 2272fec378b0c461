// Where the companion keeps its token, outputs and state, and the checks that keep other users out of it.
import { chmodSync, lstatSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError } from './config-error';

export interface DataDirLayout {
  root: string;
  outputs: string;
  tokenFile: string;
  /** The current one-time pairing code (see pairing-code.ts). */
  pairingCodeFile: string;
}

export function defaultDataDir(): string {
  return process.env.SHOTLINE_DATA_DIR ?? join(homedir(), '.shotline');
}

/**
 * Group- or world-writable means another user could swap the token, the database or a clip: such a folder
 * is made private when it is ours, and refused when it is not (we cannot fix it, and must not trust it).
 */
export function securePrivateDir(dir: string, warn: (message: string) => void = () => undefined): void {
  const stat = lstatSync(dir);
  if (stat.isSymbolicLink() || !stat.isDirectory())
    throw new ConfigError(
      'DATA_DIR_UNSAFE',
      `${dir} is not a plain folder (a link or a file); give a folder.`,
    );
  if ((stat.mode & 0o022) === 0) return;
  const mine = process.getuid === undefined || stat.uid === process.getuid();
  if (!mine) {
    throw new ConfigError(
      'DATA_DIR_UNSAFE',
      `${dir} can be written by other users and belongs to someone else; use a folder of your own.`,
    );
  }
  chmodSync(dir, 0o700);
  warn(`${dir} could be written by other users (mode ${(stat.mode & 0o777).toString(8)}); it is now 700.`);
}

export function prepareDataDir(dir: string, warn?: (message: string) => void): DataDirLayout {
  const root = resolve(dir);
  const outputs = join(root, 'outputs');
  mkdirSync(root, { recursive: true, mode: 0o700 });
  securePrivateDir(root, warn);
  mkdirSync(outputs, { recursive: true, mode: 0o700 });
  return { root, outputs, tokenFile: join(root, 'token'), pairingCodeFile: join(root, 'pairing-code') };
}
