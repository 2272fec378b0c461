// Where the companion keeps its token, outputs and state.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

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

export function prepareDataDir(dir: string): DataDirLayout {
  const root = resolve(dir);
  const outputs = join(root, 'outputs');
  mkdirSync(outputs, { recursive: true, mode: 0o700 });
  return { root, outputs, tokenFile: join(root, 'token'), pairingCodeFile: join(root, 'pairing-code') };
}
