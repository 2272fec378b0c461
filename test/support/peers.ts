// Where the real peers (servers as their authors ship them) live, and the one line said when one is missing.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './repo-root';

/** SHOTLINE_PEERS, else the team's shared folder beside the repository. */
export function peersRoot(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.SHOTLINE_PEERS ?? join(REPO_ROOT, '..', 'shared', 'peers'));
}

export type PeerLookup = { found: true; dir: string } | { found: false; line: string };

/**
 * A peer's folder when `marker` (a file inside it) exists. Otherwise the single line to print: what is
 * missing and how to get it.
 */
export function findPeer(name: string, marker: string, env: NodeJS.ProcessEnv = process.env): PeerLookup {
  const dir = join(peersRoot(env), name);
  if (existsSync(join(dir, marker))) return { found: true, dir };
  return {
    found: false,
    line: `peer "${name}" missing: no ${join(dir, marker)}; put the peers folder there or set SHOTLINE_PEERS to it (see ../shared/peers/README.md).`,
  };
}

/** In CI a missing peer is a failure, never a skip. */
export function mustRunPeers(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.CI);
}
