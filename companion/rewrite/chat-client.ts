// An OpenAI-compatible chat-completions client (Ollama, vLLM, llama.cpp server, DashScope's compatible mode):
// POST {baseUrl}/chat/completions, either one JSON reply or a server-sent-event stream of deltas.
import { createParser } from 'eventsource-parser';
import { request, type Dispatcher } from 'undici';
import { z } from 'zod';
import { ShotlineError } from '../../shared/protocol';
import { networkError } from '../backends/remote/http';
import { Redactor, describeUrl } from '../backends/remote/redact';

export const ChatMessageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

/** The documented reply: `choices[0].message.content`. */
const CompletionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
});
/** One streamed chunk: `choices[0].delta.content`, absent in the role-only first chunk and the last. */
const ChunkSchema = z.object({
  choices: z.array(z.object({ delta: z.object({ content: z.string().nullish() }).partial() })),
});

export interface ChatEndpoint {
  /** e.g. `http://127.0.0.1:11434/v1`; `/chat/completions` is appended. */
  baseUrl: string;
  model: string;
  /** Sent as `Authorization: Bearer …` when set; never printed. */
  apiKey?: string;
  /** Read the reply as a stream of deltas (`"stream": true`). */
  stream?: boolean;
  timeoutMs?: number;
  dispatcher?: Dispatcher;
}

export interface ChatOptions {
  signal?: AbortSignal;
  /** Called with each streamed piece, as it arrives. */
  onDelta?: (text: string) => void;
  temperature?: number;
}

// English only: the panel words these sentences with its own name for the rewrite model (`…_chat*` keys).
const SERVICE = 'The rewrite model';

export async function chatComplete(
  endpoint: ChatEndpoint,
  messages: readonly ChatMessage[],
  options: ChatOptions = {},
): Promise<string> {
  const url = `${endpoint.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const timeoutMs = endpoint.timeoutMs ?? 120_000;
  const redactor = new Redactor([endpoint.apiKey]);
  const signal = options.signal ?? new AbortController().signal;
  const deadline = AbortSignal.timeout(timeoutMs);
  const body = {
    model: endpoint.model,
    messages,
    stream: endpoint.stream ?? false,
    ...(options.temperature !== undefined && { temperature: options.temperature }),
  };
  try {
    const res = await request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: endpoint.stream ? 'text/event-stream' : 'application/json',
        ...(endpoint.apiKey && { authorization: `Bearer ${endpoint.apiKey}` }),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.any([signal, deadline]),
      ...(endpoint.dispatcher && { dispatcher: endpoint.dispatcher }),
    });
    if (res.statusCode >= 400) {
      const text = await res.body.text();
      throw statusError(res.statusCode, text, url, redactor);
    }
    if (!endpoint.stream) return readCompletion(await res.body.text(), url);
    let result = '';
    for await (const piece of readEventStream(res.body, url)) {
      result += piece;
      options.onDelta?.(piece);
    }
    return result.trim();
  } catch (err) {
    if (err instanceof ShotlineError) throw redactor.error(err);
    const timedOut = deadline.aborted && !signal.aborted;
    throw networkError(
      timedOut ? { code: 'ETIMEDOUT' } : err,
      { service: SERVICE, sentenceCase: 'chat', timeoutMs, redactor },
      url,
      signal,
    );
  }
}

function statusError(status: number, text: string, url: string, redactor: Redactor): ShotlineError {
  // OpenAI-style servers answer `{"error": {"message": ...}}`; others plain text.
  let detail = text.slice(0, 300);
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } | string };
    const message = typeof parsed.error === 'string' ? parsed.error : parsed.error?.message;
    if (typeof message === 'string') detail = message;
  } catch {
    // Not JSON: the text as it came.
  }
  const code =
    status === 401 || status === 403
      ? 'REMOTE_AUTH_FAILED'
      : status === 429
        ? 'REMOTE_RATE_LIMITED'
        : 'REMOTE_REFUSED';
  return new ShotlineError(
    code,
    redactor.redact(`${SERVICE} at ${describeUrl(url)} answered HTTP ${status}: ${detail}`),
    {
      params: {
        service: SERVICE,
        where: describeUrl(url),
        status,
        detail: redactor.redact(detail),
        case: 'chatHttp',
      },
    },
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function readCompletion(text: string, url: string): string {
  const parsed = CompletionSchema.safeParse(parseJson(text));
  if (!parsed.success) {
    throw new ShotlineError(
      'REMOTE_REFUSED',
      `${SERVICE} at ${describeUrl(url)} did not answer with a chat completion (choices[0].message.content).`,
      { params: { service: SERVICE, where: describeUrl(url), case: 'chatNoCompletion' } },
    );
  }
  return (parsed.data.choices[0]!.message.content ?? '').trim();
}

/** The `data` of each server-sent event, up to `data: [DONE]` (or the end of the body). */
async function* readEventStream(body: AsyncIterable<Buffer>, url: string): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  const pending: string[] = [];
  let done = false;
  const parser = createParser({
    onEvent: (event) => {
      if (event.data === '[DONE]') done = true;
      else if (!done) pending.push(event.data);
    },
  });
  for await (const chunk of body) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    while (pending.length > 0) yield deltaOf(pending.shift()!, url);
    if (done) return;
  }
}

function deltaOf(data: string, url: string): string {
  const parsed = ChunkSchema.safeParse(parseJson(data));
  if (!parsed.success) {
    throw new ShotlineError(
      'REMOTE_REFUSED',
      `${SERVICE} at ${describeUrl(url)} streamed an event that is not a chat-completion chunk.`,
      { params: { service: SERVICE, where: describeUrl(url), case: 'chatBadChunk' } },
    );
  }
  return parsed.data.choices[0]?.delta.content ?? '';
}
