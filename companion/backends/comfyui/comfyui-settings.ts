// ComfyUI backend options: server, optional auth header, workflow, sampling overrides, timings.
import type { Dispatcher } from 'undici';
import type { Logger } from 'pino';
import type { PartialColourTags } from '../../../shared/protocol';
import { resolveSourceColour, type SourceColourSetting } from '../../media/colour';

export interface ComfyUISettings {
  /** Base URL of the server. Default http://127.0.0.1:8188 (ComfyUI's own default). */
  url?: string;
  /** Sent on every request and the socket, e.g. "Authorization: Bearer …" for a server behind a proxy. */
  authHeader?: string;
  /** A built-in template name or a path to an API-format workflow JSON. Default "wan22-t2v-a14b". */
  workflow?: string;
  steps?: number;
  cfg?: number;
  shift?: number;
  requestTimeoutMs?: number;
  /** How often /history is read while waiting (the socket is the fast path; this catches what it misses). */
  historyPollMs?: number;
  /** How long the server may be silent (socket closed and HTTP failing) before the job fails. */
  unreachableAfterMs?: number;
  reconnectMs?: number;
  maxWaitMs?: number;
  maxDownloadBytes?: number;
  concurrency?: number;
  /**
   * Colour to assume for tags the saved video lacks. Default "bt601": SaveVideo writes through PyAV with
   * ffmpeg's defaults (BT.601 matrix, limited range, no tags). A studio whose workflow saves otherwise sets it.
   */
  colour?: SourceColourSetting;
  dispatcher?: Dispatcher;
  log?: Logger;
}

/** What ComfyUI's own SaveVideo produces. */
export const COMFYUI_SOURCE_COLOUR: PartialColourTags = Object.freeze({ matrix: 'smpte170m', range: 'tv' });

export interface ResolvedComfyUI {
  url: string;
  wsUrl: string;
  header: { name: string; value: string } | undefined;
  workflow: string;
  steps: number | undefined;
  cfg: number | undefined;
  shift: number | undefined;
  requestTimeoutMs: number;
  historyPollMs: number;
  unreachableAfterMs: number;
  reconnectMs: number;
  maxWaitMs: number;
  maxDownloadBytes: number;
  concurrency: number;
  colour: PartialColourTags;
  dispatcher: Dispatcher | undefined;
  log: Logger | undefined;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v <= 0)
    throw new Error(`comfyui: option "${name}" must be a positive number, got ${value}`);
  return v;
}

function optionalPositive(name: string, value: number | undefined): number | undefined {
  return value === undefined ? undefined : positive(name, value, 0);
}

export function parseHeader(line: string): { name: string; value: string } {
  const at = line.indexOf(':');
  const name = at > 0 ? line.slice(0, at).trim() : '';
  const value = at > 0 ? line.slice(at + 1).trim() : '';
  if (!/^[A-Za-z0-9-]+$/.test(name) || !value) {
    throw new Error(
      'comfyui: option "authHeader" must look like "Name: value", e.g. "Authorization: Bearer …"',
    );
  }
  return { name: name.toLowerCase(), value };
}

export function resolveComfyUISettings(settings: ComfyUISettings = {}): ResolvedComfyUI {
  const url = (settings.url ?? 'http://127.0.0.1:8188').replace(/\/+$/, '');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`comfyui: option "url" must be an http(s) URL, got "${url}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`comfyui: option "url" must be an http(s) URL, got "${url}"`);
  }
  return {
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    header: settings.authHeader ? parseHeader(settings.authHeader) : undefined,
    workflow: settings.workflow ?? 'wan22-t2v-a14b',
    steps: optionalPositive('steps', settings.steps),
    cfg: optionalPositive('cfg', settings.cfg),
    shift: optionalPositive('shift', settings.shift),
    requestTimeoutMs: positive('requestTimeoutMs', settings.requestTimeoutMs, 30_000),
    historyPollMs: positive('historyPollMs', settings.historyPollMs, 2_000),
    unreachableAfterMs: positive('unreachableAfterMs', settings.unreachableAfterMs, 60_000),
    reconnectMs: positive('reconnectMs', settings.reconnectMs, 2_000),
    maxWaitMs: positive('maxWaitMs', settings.maxWaitMs, 2 * 60 * 60_000),
    maxDownloadBytes: positive('maxDownloadBytes', settings.maxDownloadBytes, 2 * 1024 * 1024 * 1024),
    concurrency: positive('concurrency', settings.concurrency, 1),
    colour: resolveSourceColour('comfyui', settings.colour, COMFYUI_SOURCE_COLOUR),
    dispatcher: settings.dispatcher,
    log: settings.log,
  };
}
