// Starting ffmpeg and ffprobe: through the tool host (tool-host.ts) where it runs, else as plain children.
import { spawn } from 'node:child_process';
import { ToolHost, type ToolProcess, type ToolSpawnOptions } from './tool-host';

export type { ToolProcess } from './tool-host';

/**
 * `SHOTLINE_TOOL_HOST=0` starts every tool from the companion itself. Windows has no fork to avoid, and its
 * IPC channel cannot hand over a pipe.
 */
function hostWanted(): boolean {
  return process.platform !== 'win32' && process.env.SHOTLINE_TOOL_HOST !== '0';
}

let host: Promise<ToolHost | undefined> | undefined;
let hostStartFailure: Error | undefined;

/** The running host, started on first use; undefined when it cannot run here (then tools run as children). */
function currentHost(): Promise<ToolHost | undefined> {
  if (!hostWanted() || hostStartFailure) return Promise.resolve(undefined);
  host ??= ToolHost.start().then(
    (started) => {
      started.onGone = () => {
        host = undefined;
      };
      return started;
    },
    (err: Error) => {
      // Not retried: a host that cannot start once (no Node binary at execPath, IPC refused) will not later.
      hostStartFailure = err;
      host = undefined;
      process.emitWarning(`${err.message}; ffmpeg and ffprobe run as the companion's own children.`, {
        code: 'SHOTLINE_TOOL_HOST',
      });
      return undefined;
    },
  );
  return host;
}

/** Why tools run without the host, when they do (a start failure is also a process warning, once). */
export function toolHostUnavailable(): string | undefined {
  if (!hostWanted()) return 'turned off (SHOTLINE_TOOL_HOST=0, or Windows)';
  return hostStartFailure?.message;
}

/**
 * Lets the current host go, killing what it runs (tests). Not on a Companion's close: several may share the
 * process, and an idle host goes by itself.
 */
export async function closeToolHost(): Promise<void> {
  const running = await host;
  host = undefined;
  running?.close();
}

/**
 * Starts `file` like child_process.spawn with stdio [stdin ? pipe : ignore, pipe, pipe, pipe3 ? pipe]. Rejects when it
 * cannot be started (the error's code says why: ENOENT, EACCES), as `spawn`'s 'error' event would.
 */
export async function spawnTool(
  file: string,
  args: readonly string[],
  options: ToolSpawnOptions = {},
): Promise<ToolProcess> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const running = await currentHost();
    if (!running) break;
    try {
      return await running.spawn(file, args, options);
    } catch (err) {
      // The host went away (let go when idle, just then): the next try starts another.
      if ((err as NodeJS.ErrnoException).code !== 'TOOL_HOST_EXITED') throw err;
    }
  }
  return spawnChild(file, args, options);
}

function spawnChild(file: string, args: readonly string[], options: ToolSpawnOptions): Promise<ToolProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe', ...(options.pipe3 ? ['pipe' as const] : [])],
    });
    child.once('spawn', () => resolve(child));
    child.once('error', reject);
  });
}

export interface ExecToolOptions {
  signal?: AbortSignal;
  /** Killed (SIGTERM) after this many ms. */
  timeout?: number;
  /** Killed when stdout or stderr grows past this many bytes (child_process.execFile's default: 1 MiB). */
  maxBuffer?: number;
}

/** What execTool rejects with when the tool fails: execFile's error, with the output kept. */
export interface ExecToolError extends Error {
  code?: number | string;
  signal?: NodeJS.Signals | null;
  killed?: boolean;
  stdout?: string;
  stderr?: string;
}

/**
 * Runs `file` to its end, like a promisified child_process.execFile: resolves with its output as text. The
 * host's tools and plain children (the fallback) go through the same collecting, so they fail alike.
 */
export async function execTool(
  file: string,
  args: readonly string[],
  options: ExecToolOptions = {},
): Promise<{ stdout: string; stderr: string }> {
  options.signal?.throwIfAborted();
  const tool = await spawnTool(file, args);
  return collectOutput(file, args, tool, options);
}

function collectOutput(
  file: string,
  args: readonly string[],
  tool: ToolProcess,
  options: ExecToolOptions,
): Promise<{ stdout: string; stderr: string }> {
  const maxBuffer = options.maxBuffer ?? 1024 * 1024;
  const out: Record<'stdout' | 'stderr', Buffer[]> = { stdout: [], stderr: [] };
  const sizes = { stdout: 0, stderr: 0 };
  let killedFor: 'timeout' | 'maxBuffer' | 'abort' | undefined;
  const killFor = (why: NonNullable<typeof killedFor>) => {
    killedFor ??= why;
    tool.kill(why === 'timeout' ? 'SIGTERM' : 'SIGKILL');
  };
  for (const name of ['stdout', 'stderr'] as const) {
    tool[name]?.on('data', (chunk: Buffer) => {
      sizes[name] += chunk.length;
      if (sizes[name] > maxBuffer) return killFor('maxBuffer');
      out[name].push(chunk);
    });
  }
  const timer = options.timeout ? setTimeout(() => killFor('timeout'), options.timeout) : undefined;
  const abort = () => killFor('abort');
  options.signal?.addEventListener('abort', abort, { once: true });
  return new Promise((resolve, reject) => {
    tool.once('close', (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
      const stdout = Buffer.concat(out.stdout).toString('utf8');
      const stderr = Buffer.concat(out.stderr).toString('utf8');
      if (killedFor === 'abort') {
        return reject(
          Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' }),
        );
      }
      if (code === 0 && !killedFor) return resolve({ stdout, stderr });
      const command = [file, ...args].join(' ');
      const failure: ExecToolError = Object.assign(
        new Error(
          killedFor === 'maxBuffer'
            ? `${command}: stdout or stderr passed ${maxBuffer} bytes`
            : `Command failed: ${command}\n${stderr}`,
        ),
        {
          code: killedFor === 'maxBuffer' ? 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER' : (code ?? undefined),
          signal,
          killed: killedFor !== undefined,
          stdout,
          stderr,
        },
      );
      reject(failure);
    });
  });
}
