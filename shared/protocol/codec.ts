// Turns raw socket text into checked messages (and back); every failure becomes a precise WireError.
import { z } from 'zod';
import type { WireError } from './errors';
import {
  toClientMessages,
  toServerMessages,
  type ToClientMessage,
  type ToServerInput,
  type ToServerMessage,
} from './messages';
import { PROTOCOL_VERSION } from './version';

export type Decoded<M> = { ok: true; message: M } | { ok: false; error: WireError; re?: string };

/** Largest text frame either side accepts; a generate of 64 long shots fits well inside. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(message)'}: ${issue.message}`)
    .join('; ');
}

function decodeWith<M>(
  raw: unknown,
  table: Record<string, { schema: z.ZodTypeAny }>,
  side: string,
): Decoded<M> {
  if (typeof raw !== 'string') {
    return {
      ok: false,
      error: { code: 'BAD_MESSAGE', message: 'Messages must be JSON text frames, not binary.' },
    };
  }
  if (raw.length > MAX_MESSAGE_BYTES) {
    return {
      ok: false,
      error: {
        code: 'BAD_MESSAGE',
        message: `Message of ${raw.length} bytes exceeds ${MAX_MESSAGE_BYTES}.`,
        params: { bytes: raw.length, max: MAX_MESSAGE_BYTES, case: 'tooBig' },
      },
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    return {
      ok: false,
      error: { code: 'BAD_MESSAGE', message: `Message is not valid JSON: ${(err as Error).message}` },
    };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, error: { code: 'BAD_MESSAGE', message: 'Message must be a JSON object.' } };
  }
  const record = data as Record<string, unknown>;
  const re =
    typeof record.id === 'string' && record.id.length >= 1 && record.id.length <= 64 ? record.id : undefined;
  const fail = (error: WireError): Decoded<M> =>
    re === undefined ? { ok: false, error } : { ok: false, error, re };
  if (record.v !== PROTOCOL_VERSION) {
    return fail({
      code: 'UNSUPPORTED_VERSION',
      message: `Protocol version ${JSON.stringify(record.v)} is not supported; this ${side} speaks v${PROTOCOL_VERSION}.`,
      params: {
        version: String(JSON.stringify(record.v) ?? 'none').slice(0, 64),
        expected: PROTOCOL_VERSION,
      },
    });
  }
  const type = record.type;
  const definition = typeof type === 'string' && Object.hasOwn(table, type) ? table[type] : undefined;
  if (!definition) {
    return fail({
      code: 'UNKNOWN_MESSAGE',
      message: `Unknown message type ${JSON.stringify(type)}; expected one of ${Object.keys(table).join(', ')}.`,
      params: { type: String(JSON.stringify(type) ?? 'none').slice(0, 64) },
    });
  }
  const parsed = definition.schema.safeParse(data);
  if (!parsed.success) {
    return fail({
      code: 'BAD_MESSAGE',
      message: `Invalid "${type}" message: ${describeIssues(parsed.error)}`,
      params: { type: String(type), detail: describeIssues(parsed.error).slice(0, 500), case: 'invalid' },
    });
  }
  return { ok: true, message: parsed.data as M };
}

export function decodeToServer(raw: unknown): Decoded<ToServerMessage> {
  return decodeWith<ToServerMessage>(raw, toServerMessages, 'companion');
}

export function decodeToClient(raw: unknown): Decoded<ToClientMessage> {
  return decodeWith<ToClientMessage>(raw, toClientMessages, 'panel');
}

/** Distributes Omit over a union so each message keeps its own fields. */
type WithoutVersion<M> = M extends unknown ? Omit<M, 'v'> : never;

export function encodeToClient(message: WithoutVersion<ToClientMessage>): string {
  return JSON.stringify({ v: PROTOCOL_VERSION, ...message });
}

export function encodeToServer(message: WithoutVersion<ToServerInput>): string {
  return JSON.stringify({ v: PROTOCOL_VERSION, ...message });
}
