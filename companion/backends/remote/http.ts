// One HTTP exchange with a remote service via undici: timeouts, cancel and network failures as coded errors.
import { request, type Dispatcher, type FormData } from 'undici';
import { ShotlineError } from '../../../shared/protocol';
import { cancelledError } from './backoff';
import { describeUrl, type Redactor } from './redact';

export interface RemoteEndpoint {
  /** Service name for messages, e.g. "DashScope" or "ComfyUI". */
  service: string;
  /**
   * The `case` its network sentences carry (default `service`: the panel words them around the name). A service
   * the panel names in its own language (the rewrite model) sets its own, so no English name lands in a translation.
   */
  sentenceCase?: string;
  dispatcher?: Dispatcher;
  timeoutMs: number;
  redactor: Redactor;
}

export interface HttpCall {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  /** Sent as JSON when present. */
  json?: unknown;
  /** Sent as multipart/form-data when present (file uploads). */
  form?: FormData;
  signal: AbortSignal;
}

export interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

function formatMs(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}

function errorCode(err: unknown): string | undefined {
  // undici nests the socket error (ECONNREFUSED) under `cause`.
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 4; i++) {
    if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || TIMEOUT_CODES.has(e.code))) return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

/** Turns a failed exchange into REMOTE_TIMEOUT, REMOTE_UNREACHABLE or JOB_CANCELLED. */
export function networkError(err: unknown, endpoint: RemoteEndpoint, url: string, signal: AbortSignal) {
  if (signal.aborted) return cancelledError();
  if (err instanceof ShotlineError) return endpoint.redactor.error(err);
  const code = errorCode(err);
  const where = describeUrl(url);
  if (code && TIMEOUT_CODES.has(code)) {
    return new ShotlineError(
      'REMOTE_TIMEOUT',
      `${endpoint.service} at ${where} did not answer within ${formatMs(endpoint.timeoutMs)} (${code}).`,
      {
        params: {
          service: endpoint.service,
          where,
          timeout: formatMs(endpoint.timeoutMs),
          code,
          case: endpoint.sentenceCase ?? 'service',
        },
      },
    );
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new ShotlineError(
    'REMOTE_UNREACHABLE',
    endpoint.redactor.redact(
      `${endpoint.service} at ${where} could not be reached (${code ?? detail}); check the address and that the server is running.`,
    ),
    {
      params: {
        service: endpoint.service,
        where,
        detail: endpoint.redactor.redact(code ?? detail),
        case: endpoint.sentenceCase ?? 'service',
      },
    },
  );
}

export async function httpCall(endpoint: RemoteEndpoint, call: HttpCall): Promise<HttpReply> {
  const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
  if (call.json !== undefined) headers['content-type'] = 'application/json';
  // Our own deadline for the whole exchange: undici's timers are coarse (about half a second).
  const deadline = AbortSignal.timeout(endpoint.timeoutMs);
  try {
    const res = await request(call.url, {
      method: call.method,
      headers,
      body: call.form ?? (call.json === undefined ? undefined : JSON.stringify(call.json)),
      signal: AbortSignal.any([call.signal, deadline]),
      dispatcher: endpoint.dispatcher,
      headersTimeout: endpoint.timeoutMs,
      bodyTimeout: endpoint.timeoutMs,
    });
    const text = await res.body.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, headers: res.headers, text, json };
  } catch (err) {
    const timedOut = deadline.aborted && !call.signal.aborted;
    throw networkError(timedOut ? { code: 'ETIMEDOUT' } : err, endpoint, call.url, call.signal);
  }
}
