// A loopback OpenAI-compatible chat-completions server, following the documented request and reply shapes
// (its own copy of them): `POST /v1/chat/completions`, a JSON `chat.completion`, or with `"stream": true`
// server-sent `chat.completion.chunk` events ending `data: [DONE]`.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequestSeen {
  authorization: string | undefined;
  body: { model: string; messages: { role: string; content: string }[]; stream?: boolean };
}

export interface FakeChatServer {
  baseUrl: string;
  requests: ChatRequestSeen[];
  close: () => Promise<void>;
}

export interface FakeChatOptions {
  /** The answer's text; streamed as a few pieces. */
  answer: (request: ChatRequestSeen) => string;
  /** Refuse requests without this bearer key (HTTP 401 with an OpenAI-style error body). */
  requireKey?: string;
}

const readBody = async (req: IncomingMessage): Promise<string> => {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
};

export async function startFakeChatServer(options: FakeChatOptions): Promise<FakeChatServer> {
  const requests: ChatRequestSeen[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
        return;
      }
      const seen: ChatRequestSeen = {
        authorization: req.headers.authorization,
        body: JSON.parse(await readBody(req)),
      };
      requests.push(seen);
      if (options.requireKey && seen.authorization !== `Bearer ${options.requireKey}`) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            error: { message: 'Incorrect API key provided.', type: 'invalid_request_error' },
          }),
        );
        return;
      }
      const answer = options.answer(seen);
      const created = 1_764_000_000;
      if (!seen.body.stream) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            id: 'chatcmpl-1',
            object: 'chat.completion',
            created,
            model: seen.body.model,
            choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }],
            usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const chunk = (delta: object, finish: string | null = null) =>
        `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created, model: seen.body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      const pieces = answer.match(/.{1,7}/gsu) ?? [];
      const events = [
        chunk({ role: 'assistant', content: '' }),
        ...pieces.map((p) => chunk({ content: p })),
        chunk({}, 'stop'),
        'data: [DONE]\n\n',
      ];
      // Written in odd-sized slices so events straddle network reads, as they do on a real socket.
      const stream = events.join('');
      for (let at = 0; at < stream.length; at += 23) {
        res.write(stream.slice(at, at + 23));
        await new Promise((resolve) => setImmediate(resolve));
      }
      res.end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
