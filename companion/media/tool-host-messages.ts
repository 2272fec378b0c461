// The messages between the companion and its tool host (tool-host.ts, tool-host-main.ts), over Node's IPC
// channel with the structured-clone ("advanced") serialization, so output bytes travel as bytes.

/**
 * Run `file` with `args`; its stdin is a pipe handed back with `spawned` when `stdin`, else /dev/null; with
 * `pipe3` its fd 3 is a pipe too, handed back just before.
 */
export interface SpawnRequest {
  op: 'spawn';
  id: number;
  file: string;
  args: readonly string[];
  stdin: boolean;
  pipe3: boolean;
  env: NodeJS.ProcessEnv;
}

export interface KillRequest {
  op: 'kill';
  id: number;
  signal: NodeJS.Signals;
}

export type HostRequest = SpawnRequest | KillRequest;

export type HostReply =
  /** The host is listening. */
  | { op: 'ready' }
  /** The tool started and asked for an fd 3: the message carries that pipe's socket; `spawned` follows. */
  | { op: 'pipe3'; id: number }
  /** The tool started; the message carries its stdin's socket when one was asked for. */
  | { op: 'spawned'; id: number; pid: number }
  /** The tool could not be started (ENOENT, EACCES…). */
  | { op: 'failed'; id: number; code?: string; message: string }
  /** A chunk of the tool's stdout (1) or stderr (2). */
  | { op: 'out'; id: number; fd: 1 | 2; data: Uint8Array }
  /** The tool is gone and its output streams are drained. */
  | { op: 'exit'; id: number; code: number | null; signal: NodeJS.Signals | null };
