// The optional prompt rewrite against a loopback OpenAI-compatible server: plain and streamed replies,
// the bible and Wan's structure in the system prompt, key handling, and the CLI showing it beside the rules.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScript } from '../../shared/screenplay';
import { compileShotPrompt, prepareScript } from '../../shared/shots';
import { chatComplete } from '../../companion/rewrite/chat-client';
import { rewriteMessages, rewriteShot } from '../../companion/rewrite/rewrite-shot';
import { startFakeChatServer, type FakeChatServer } from '../support/fake-chat-server';

const SCRIPT = 'EXT. ALLEY - NIGHT\n\nNAK (30s), grey hoodie, walks past the bins.\n\nShe stops.\n';
const run = promisify(execFile);
const REWRITTEN =
  'A woman in her 30s in a grey hoodie walks past overflowing bins in a dark alley at night, handheld.';

describe('chat-completions rewrite', () => {
  let server: FakeChatServer;
  let dir: string;
  beforeAll(async () => {
    server = await startFakeChatServer({ answer: () => REWRITTEN, requireKey: 'sk-test-123456' });
    dir = mkdtempSync(join(tmpdir(), 'shotline-rewrite-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const input = () => {
    const prepared = prepareScript(parseScript(SCRIPT, { format: 'fountain' }));
    const description = prepared.descriptions[0]!;
    return {
      shot: prepared.candidates[0]!,
      description,
      prompt: compileShotPrompt(description, { target: 'wan' }).prompt,
      bible: prepared.bible,
      language: prepared.language,
    };
  };

  it('sends the documented request and reads the JSON reply', async () => {
    const endpoint = { baseUrl: server.baseUrl, model: 'qwen2.5:7b', apiKey: 'sk-test-123456' };
    await expect(rewriteShot(endpoint, input())).resolves.toBe(REWRITTEN);
    const seen = server.requests.at(-1)!;
    expect(seen.authorization).toBe('Bearer sk-test-123456');
    expect(seen.body).toMatchObject({ model: 'qwen2.5:7b', stream: false });
    expect(seen.body.messages.map((m) => m.role)).toEqual(['system', 'user']);
  });

  it('puts the bible, the scene and the seed order in the system prompt', () => {
    const [system, user] = rewriteMessages(input());
    expect(system!.content).toContain('NAK: a woman in her 30s in a grey hoodie');
    expect(system!.content).toContain('Scene heading: EXT. ALLEY - NIGHT');
    expect(system!.content).toContain(
      'subject (what the person looks like, never a name), action, environment',
    );
    expect(user!.content).toContain(
      'Rule-based prompt: A woman in her 30s in a grey hoodie walks past the bins',
    );
  });

  it('reads a streamed reply piece by piece, events split across network reads', async () => {
    const pieces: string[] = [];
    const endpoint = { baseUrl: server.baseUrl, model: 'm', apiKey: 'sk-test-123456', stream: true };
    const text = await chatComplete(endpoint, [{ role: 'user', content: 'x' }], {
      onDelta: (p) => pieces.push(p),
    });
    expect(text).toBe(REWRITTEN);
    expect(pieces.length).toBeGreaterThan(3);
    expect(server.requests.at(-1)!.body.stream).toBe(true);
  });

  it('reports a refused key with a stable code and never prints the key', async () => {
    const endpoint = { baseUrl: server.baseUrl, model: 'm', apiKey: 'sk-wrong-999999' };
    const failure = chatComplete(endpoint, [{ role: 'user', content: 'x' }]);
    await expect(failure).rejects.toMatchObject({ code: 'REMOTE_AUTH_FAILED' });
    await expect(failure).rejects.toThrow(/answered HTTP 401: Incorrect API key provided\./);
    await expect(failure).rejects.not.toThrow(/sk-wrong-999999/);
  });

  it('says plainly when nothing listens at the address', async () => {
    const endpoint = { baseUrl: 'http://127.0.0.1:9/v1', model: 'm', timeoutMs: 5000 };
    await expect(chatComplete(endpoint, [{ role: 'user', content: 'x' }])).rejects.toMatchObject({
      code: 'REMOTE_UNREACHABLE',
    });
  });

  it('the CLI shows the rewrite beside the rule-based prompts, which stay as they were', async () => {
    const file = join(dir, 'alley.fountain');
    const keyFile = join(dir, 'key');
    writeFileSync(file, SCRIPT);
    writeFileSync(keyFile, 'sk-test-123456\n');
    const bin = join(__dirname, '../../bin/shotline.js');
    // Asynchronous on purpose: a blocking spawn would stop this process's fake server from answering.
    const args = ['shots', file, '--json', '--rewrite-url', server.baseUrl, '--rewrite-model', 'm'];
    const r = await run(process.execPath, [bin, ...args, '--rewrite-key-file', keyFile, '--rewrite-stream']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.shots[0].rewrite).toEqual({ prompt: REWRITTEN });
    expect(out.shots[0].prompts[0].prompt).toBe(input().prompt);
    const without = await run(process.execPath, [bin, 'shots', file, '--json']);
    expect(JSON.parse(without.stdout).shots[0].rewrite).toBeUndefined();
  });
});
