// The tool host: ffmpeg and ffprobe are started by a small helper process, not forked from the companion, and
// behave as plain children do (output, exit codes, kills, timeouts), with the companion's own children as the
// fallback when the helper cannot run.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { closeToolHost, execTool, spawnTool, toolHostUnavailable } from '../../companion/media/tool-process';
import { ToolHost, type ToolProcess } from '../../companion/media/tool-host';

const closed = (tool: ToolProcess) =>
  new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    tool.once('close', (code, signal) => resolve([code, signal])),
  );

/** The pid of the process that started the shell: who ran the tool. */
async function parentOfTool(): Promise<number> {
  const { stdout } = await execTool('/bin/sh', ['-c', 'echo $PPID']);
  return Number(stdout.trim());
}

/** A shell that prints what comes down its fd 3, then its stdin: both pipes reach the tool, in that order. */
async function throughBothPipes(): Promise<string> {
  const tool = await spawnTool('/bin/sh', ['-c', 'cat <&3; cat'], { stdin: true, pipe3: true });
  const out: Buffer[] = [];
  tool.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = closed(tool);
  tool.stdin!.end('then stdin');
  (tool.stdio[3] as Writable).end('fd 3 first, ');
  expect(await ended).toEqual([0, null]);
  return Buffer.concat(out).toString();
}

afterAll(() => closeToolHost());

describe('tools through the host', () => {
  test('a tool is started by the host, not by the companion', async () => {
    const parent = await parentOfTool();
    expect(toolHostUnavailable()).toBeUndefined();
    expect(parent).not.toBe(process.pid);
    // One host for the session: the next tool has the same parent.
    expect(await parentOfTool()).toBe(parent);
  });

  test("the companion writes straight to the tool's stdin and reads all it prints", async () => {
    const input = randomBytes(8 * 2 ** 20);
    const tool = await spawnTool('/bin/cat', [], { stdin: true });
    const output: Buffer[] = [];
    tool.stdout!.on('data', (chunk: Buffer) => output.push(chunk));
    const ended = closed(tool);
    tool.stdin!.end(input);
    expect(await ended).toEqual([0, null]);
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(sha(Buffer.concat(output))).toBe(sha(input));
  });

  test('a tool asked for an fd 3 gets a second pipe the companion writes to; one not asked for has none', async () => {
    expect(await throughBothPipes()).toBe('fd 3 first, then stdin');
    // Started together, the host's hand-overs queue behind each other.
    const together = await Promise.all([throughBothPipes(), throughBothPipes(), throughBothPipes()]);
    expect(together).toEqual(Array(3).fill('fd 3 first, then stdin'));
    const plain = await spawnTool('/bin/true', [], { stdin: true });
    expect(plain.stdio[3] ?? null).toBeNull();
    await closed(plain);
  });

  test('stdout and stderr come apart, and a failing tool says how it failed', async () => {
    const ok = await execTool('/bin/sh', ['-c', 'echo out; echo err >&2']);
    expect(ok).toEqual({ stdout: 'out\n', stderr: 'err\n' });
    const failure = await execTool('/bin/sh', ['-c', 'echo broken >&2; exit 3']).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 3, signal: null, killed: false, stderr: 'broken\n' });
    expect((failure as Error).message).toMatch(/^Command failed: \/bin\/sh -c .*\nbroken/);
  });

  test("a tool that cannot be started is refused with spawn's error code", async () => {
    await expect(spawnTool('/no/such/tool', [])).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(execTool('/no/such/tool', [])).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test('kill, timeout, abort and maxBuffer stop the tool', async () => {
    const sleeper = await spawnTool('/bin/sleep', ['30']);
    const ended = closed(sleeper);
    sleeper.kill('SIGKILL');
    expect(await ended).toEqual([null, 'SIGKILL']);

    await expect(execTool('/bin/sleep', ['30'], { timeout: 100 })).rejects.toMatchObject({
      killed: true,
      signal: 'SIGTERM',
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(execTool('/bin/sleep', ['30'], { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    await expect(
      execTool('/bin/sh', ['-c', 'head -c 100000 /dev/zero'], { maxBuffer: 1000 }),
    ).rejects.toMatchObject({ code: 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER' });
  });

  test('a host killed while a tool runs: the tool is stopped and reported killed, the next tool gets a new host', async () => {
    const hostPid = await parentOfTool();
    const mark = join(mkdtempSync(join(tmpdir(), 'shotline-tool-host-')), 'survived');
    // Left alone, the shell writes the mark after a second.
    const tool = await spawnTool('/bin/sh', ['-c', `echo started; sleep 1; echo yes > ${mark}`]);
    const stderr: string[] = [];
    tool.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
    await new Promise((resolve) => tool.stdout!.once('data', resolve));
    const ended = closed(tool);
    process.kill(hostPid, 'SIGKILL');
    expect(await ended).toEqual([null, 'SIGKILL']);
    expect(stderr.join('')).toMatch(/tool host exited/);
    // The orphan was killed by the companion, since its host could not.
    await new Promise((r) => setTimeout(r, 1500));
    expect(existsSync(mark)).toBe(false);
    const next = await parentOfTool();
    expect(next).not.toBe(hostPid);
    expect(next).not.toBe(process.pid);
  });
});

describe('without the host', () => {
  test('SHOTLINE_TOOL_HOST=0 runs tools as children of the companion', async () => {
    process.env.SHOTLINE_TOOL_HOST = '0';
    try {
      expect(await parentOfTool()).toBe(process.pid);
      expect(toolHostUnavailable()).toMatch(/turned off/);
      const cat = await spawnTool('/bin/cat', [], { stdin: true });
      const out: Buffer[] = [];
      cat.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
      const ended = closed(cat);
      cat.stdin!.end('through a plain pipe');
      expect(await ended).toEqual([0, null]);
      expect(Buffer.concat(out).toString()).toBe('through a plain pipe');
      expect(await throughBothPipes()).toBe('fd 3 first, then stdin');
      // Failures read as they do through the host.
      const failure = await execTool('/bin/sh', ['-c', 'echo broken >&2; exit 3']).catch((e: unknown) => e);
      expect(failure).toMatchObject({ code: 3, signal: null, killed: false, stderr: 'broken\n' });
      await expect(execTool('/bin/sleep', ['30'], { timeout: 100 })).rejects.toMatchObject({
        killed: true,
        signal: 'SIGTERM',
      });
    } finally {
      delete process.env.SHOTLINE_TOOL_HOST;
    }
  });

  test('a host that cannot start (no Node binary) is refused, and tools run as children instead', async () => {
    await expect(ToolHost.start('/no/such/node')).rejects.toThrow(/tool host did not start/);
    const execPath = process.execPath;
    Object.defineProperty(process, 'execPath', { value: '/no/such/node', configurable: true });
    try {
      let isolated!: typeof import('../../companion/media/tool-process');
      jest.isolateModules(() => {
        isolated = jest.requireActual('../../companion/media/tool-process');
      });
      const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
      const { stdout } = await isolated.execTool('/bin/sh', ['-c', 'echo $PPID']);
      expect(Number(stdout.trim())).toBe(process.pid);
      expect(isolated.toolHostUnavailable()).toMatch(/did not start/);
      // Said once, where a user sees it.
      await isolated.execTool('/bin/true', []);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]![0]).toMatch(/did not start.*run as the companion's own children/);
      warn.mockRestore();
    } finally {
      Object.defineProperty(process, 'execPath', { value: execPath, configurable: true });
    }
  });
});
