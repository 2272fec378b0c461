// Checks a WebSocket upgrade before any protocol runs: DNS rebinding and drive-by web pages stop here.
import type { IncomingMessage } from 'node:http';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export interface UpgradeGuardOptions {
  /** Extra host names the daemon answers to (only when bound beyond loopback). */
  allowedHosts?: readonly string[];
  /** Extra exact browser origins allowed, e.g. an origin a future UXP version sends. */
  allowedOrigins?: readonly string[];
}

export type UpgradeVerdict = { ok: true } | { ok: false; status: 403; reason: string };

function hostnameOf(hostHeader: string): string {
  const bracketed = /^(\[[^\]]+\])(?::\d+)?$/.exec(hostHeader);
  if (bracketed) return bracketed[1]!.toLowerCase();
  return hostHeader.replace(/:\d+$/, '').toLowerCase();
}

/**
 * Non-browser clients (the UXP panel's socket, the CLI, tests) send no Origin. Browsers always do: only
 * pages served from loopback (the harness) and UXP origins are let through, plus what the user allows.
 */
function originAllowed(origin: string, extra: readonly string[]): boolean {
  if (extra.includes(origin)) return true;
  if (origin.startsWith('uxp://') || origin.startsWith('plugin:')) return true;
  try {
    const url = new URL(origin);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      LOOPBACK_HOSTS.has(url.hostname.toLowerCase())
    );
  } catch {
    return false;
  }
}

export function checkUpgrade(req: IncomingMessage, options: UpgradeGuardOptions = {}): UpgradeVerdict {
  const host = req.headers.host;
  const allowedHosts = new Set([
    ...LOOPBACK_HOSTS,
    ...(options.allowedHosts ?? []).map((h) => h.toLowerCase()),
  ]);
  if (!host || !allowedHosts.has(hostnameOf(host))) {
    return {
      ok: false,
      status: 403,
      reason: `Host "${host ?? ''}" is not this companion (loopback names only)`,
    };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !originAllowed(origin, options.allowedOrigins ?? [])) {
    return {
      ok: false,
      status: 403,
      reason: `Origin "${origin}" may not connect; add it with --allow-origin if it is yours`,
    };
  }
  return { ok: true };
}
