// The companion's side of the tool host (tool-host-main.ts): starts it, asks it to run tools, and gives each
// tool back as a HostedTool that reads like a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { Readable, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { toolHostSource } from './tool-host-main';
import type { HostReply, HostRequest, SpawnRequest } from './tool-host-messages';

/** What a started tool offers: the part of Node's ChildProcess that the media code uses. */
export interface ToolProcess {
  readonly pid?: number | undefined;
  readonly stdin: Writable | null;
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
  /** stdin, stdout, stderr, and fd 3 when it was asked for (a pipe the tool reads). */
  readonly stdio: readonly (Readable | Writable | null | undefined)[];
  kill(signal?: NodeJS.Signals): boolean;
  once(event: 'error', listener: (err: Error) => void): this;
  once(event: 'close', listener: (code: number | null, signal: NodeJS.Signals | null) => void): this;
}

export interface ToolSpawnOptions {
  /** A pipe to the tool's stdin; without it stdin is /dev/null. */
  stdin?: boolean;
  /** A second pipe the tool reads, as its fd 3 (ffmpeg's `pipe:3`); `stdio[3]`. Not on Windows. */
  pipe3?: boolean;
}

/** The host is let go after this long with nothing running; the next tool starts a new one. */
export const HOST_IDLE_MS = 10_000;
/** How long the host may take to start before tools run without it. */
const HOST_START_TIMEOUT_MS = 10_000;

/** A tool the host started. stdout and stderr are fed from the host's messages. */
export class HostedTool extends EventEmitter implements ToolProcess {
  readonly stdout = new Readable({ read() {} });
  readonly stderr = new Readable({ read() {} });
  private exited = false;

  constructor(
    private readonly host: ToolHost,
    readonly id: number,
    readonly pid: number,
    readonly stdin: Socket | null,
    private readonly pipe3: Socket | null,
  ) {
    super();
  }

  get stdio(): readonly (Readable | Writable | null)[] {
    return [this.stdin, this.stdout, this.stderr, this.pipe3];
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): boolean {
    if (this.exited) return false;
    return this.host.send({ op: 'kill', id: this.id, signal });
  }

  /** Output from the host. */
  output(fd: 1 | 2, data: Uint8Array): void {
    (fd === 1 ? this.stdout : this.stderr).push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }

  /** The tool is gone: like a ChildProcess, 'close' comes once its output has been read to the end. */
  exit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.exited) return;
    this.exited = true;
    this.stdin?.destroy();
    this.pipe3?.destroy();
    const streams = [this.stdout, this.stderr];
    for (const stream of streams) stream.push(null);
    // A stream nobody reads is drained, as Node does for a child's unread output; not before the tool's owner
    // had its turn: the host's messages (started, output, exit) can all arrive in one read of the channel.
    setImmediate(() => {
      for (const stream of streams) {
        if (stream.listenerCount('data') === 0 && stream.listenerCount('readable') === 0) stream.resume();
      }
    });
    void Promise.all(streams.map((s) => finished(s).catch(() => undefined))).then(() =>
      this.emit('close', code, signal),
    );
  }
}

type Pending = {
  resolve(tool: HostedTool): void;
  reject(err: Error): void;
  stdin: boolean;
  /** The tool's fd 3, once the host has handed it over (it comes before `spawned`). */
  pipe3?: Socket;
};

/** One running host process. */
export class ToolHost {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private readonly tools = new Map<number, HostedTool>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;
  private gone = false;
  /** Called once when the host has exited, for whatever reason. */
  onGone: (() => void) | undefined;

  private constructor(child: ChildProcess) {
    this.child = child;
    child.on('message', (message: HostReply, handle?: Socket) => this.received(message, handle));
    child.once('exit', () => this.lost());
    child.once('error', () => this.lost());
  }

  /** Starts a host; rejects when it does not answer (no Node at `execPath`, no IPC, too slow). */
  static start(execPath = process.execPath): Promise<ToolHost> {
    return new Promise((resolve, reject) => {
      let child: ChildProcess;
      try {
        child = spawn(execPath, ['-e', toolHostSource()], {
          stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
          serialization: 'advanced',
        });
      } catch (err) {
        reject(err as Error);
        return;
      }
      const fail = (reason: string) => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new Error(`The tool host did not start: ${reason}`));
      };
      const timer = setTimeout(() => fail('no answer'), HOST_START_TIMEOUT_MS);
      child.once('error', (err) => fail(err.message));
      child.once('exit', (code, signal) => fail(`it exited (${signal ?? code})`));
      child.once('message', (message: HostReply) => {
        if (message.op !== 'ready') return fail(`it said ${message.op} first`);
        clearTimeout(timer);
        child.removeAllListeners('error').removeAllListeners('exit');
        const host = new ToolHost(child);
        host.quiet();
        resolve(host);
      });
    });
  }

  get alive(): boolean {
    return !this.gone;
  }

  spawn(file: string, args: readonly string[], options: ToolSpawnOptions = {}): Promise<HostedTool> {
    const id = this.nextId++;
    const request: SpawnRequest = {
      op: 'spawn',
      id,
      file,
      args,
      stdin: options.stdin ?? false,
      pipe3: options.pipe3 ?? false,
      // A copy: a test runner's process.env may be a proxy, which structured clone refuses.
      env: { ...process.env },
    };
    return new Promise((resolve, reject) => {
      if (this.gone || !this.send(request)) return reject(hostExited());
      this.pending.set(id, { resolve, reject, stdin: request.stdin });
      this.busy();
    });
  }

  send(request: HostRequest): boolean {
    if (this.gone || !this.child.connected) return false;
    this.child.send(request);
    return true;
  }

  /** Lets the host go: its tools are killed. */
  close(): void {
    if (this.child.connected) this.child.disconnect();
  }

  private received(message: HostReply, handle?: Socket): void {
    if (message.op === 'ready') return;
    const { id } = message;
    if (message.op === 'pipe3') {
      const pending = this.pending.get(id);
      if (pending) pending.pipe3 = handle;
      else handle?.destroy();
    } else if (message.op === 'spawned') {
      const pending = this.pending.get(id);
      if (!pending) return;
      this.pending.delete(id);
      const stdin = pending.stdin ? (handle ?? null) : null;
      const tool = new HostedTool(this, id, message.pid, stdin, pending.pipe3 ?? null);
      this.tools.set(id, tool);
      pending.resolve(tool);
    } else if (message.op === 'failed') {
      const pending = this.pending.get(id);
      this.pending.delete(id);
      pending?.reject(Object.assign(new Error(message.message), message.code && { code: message.code }));
    } else if (message.op === 'out') {
      this.tools.get(id)?.output(message.fd, message.data);
    } else {
      const tool = this.tools.get(id);
      this.tools.delete(id);
      tool?.exit(message.code, message.signal);
    }
    if (this.pending.size + this.tools.size === 0) this.quiet();
  }

  /** Something is running: the host's channel keeps the companion's event loop alive until it answers. */
  private busy(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.child.channel?.ref();
  }

  /** Nothing is running: the host never keeps the companion alive, and goes after HOST_IDLE_MS. */
  private quiet(): void {
    this.child.channel?.unref();
    this.child.unref();
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.close(), HOST_IDLE_MS);
    this.idleTimer.unref();
  }

  /** The host exited: what it was starting fails, what it ran is killed and reported as killed. */
  private lost(): void {
    if (this.gone) return;
    this.gone = true;
    clearTimeout(this.idleTimer);
    for (const pending of this.pending.values()) {
      pending.pipe3?.destroy();
      pending.reject(hostExited());
    }
    this.pending.clear();
    for (const tool of this.tools.values()) {
      // A host that was killed could not take its tools with it.
      try {
        process.kill(tool.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      tool.stderr.push('The tool host exited while this tool ran.\n');
      tool.exit(null, 'SIGKILL');
    }
    this.tools.clear();
    this.onGone?.();
  }
}

function hostExited(): Error {
  return Object.assign(new Error('The tool host exited before the tool started.'), {
    code: 'TOOL_HOST_EXITED',
  });
}
