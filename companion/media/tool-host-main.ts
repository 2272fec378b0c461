// The tool host's program: a small Node process that starts ffmpeg and ffprobe for the companion.
//
// Starting a process from Node forks the caller (libuv on Linux), which marks every page of the caller's memory
// copy-on-write: the companion, hundreds of MB with the slate's canvases, pays the fork's page-table copy
// (about 16 ms) and then a page fault for each page it writes again (about 1,700 faults, 30 ms of CPU, per
// clip on a 2-core VM), while x264 needs those cores. This process is small and idle, so forking it costs
// almost nothing. It runs from this function's source text (`node -e`), so it must need nothing from outside
// its own body: it is not a module of the build, and coverage instrumentation would break it.
import type { ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import type { HostReply, HostRequest } from './tool-host-messages';

/* istanbul ignore next -- runs in the host process from its source text */
export function toolHostMain(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { spawn } = require('node:child_process') as typeof import('node:child_process');
  const tools = new Map<number, ChildProcess>();
  const reply = (message: HostReply, handle?: Socket, sent?: () => void) => {
    if (process.connected) process.send!(message, handle, undefined, sent);
  };
  const start = (req: Extract<HostRequest, { op: 'spawn' }>) => {
    const tool = spawn(req.file, req.args as string[], {
      stdio: [req.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe', ...(req.pipe3 ? ['pipe' as const] : [])],
      env: req.env,
    });
    let started = false;
    tool.once('spawn', () => {
      started = true;
      tools.set(req.id, tool);
      // The stdin socket goes to the companion, which writes the frames straight to the tool; this process
      // only ever wrote to it, so no byte is lost in the hand-over. Without keepOpen its copy here is closed.
      // One handle a message: fd 3 goes first, so the companion has both when `spawned` arrives. Once sent,
      // the socket here has no handle but is not closed, and a child's 'close' waits for its fd 3 (not its
      // stdin): destroying it then closes nothing. Not before: a send queued behind another still needs it.
      if (req.pipe3) {
        const pipe3 = tool.stdio[3] as Socket;
        reply({ op: 'pipe3', id: req.id }, pipe3, () => pipe3.destroy());
      }
      reply({ op: 'spawned', id: req.id, pid: tool.pid! }, (tool.stdin as Socket | null) ?? undefined);
    });
    tool.once('error', (err: NodeJS.ErrnoException) => {
      if (started) return;
      reply({ op: 'failed', id: req.id, ...(err.code && { code: err.code }), message: err.message });
    });
    for (const fd of [1, 2] as const) {
      (fd === 1 ? tool.stdout : tool.stderr)!.on('data', (data: Buffer) => {
        reply({ op: 'out', id: req.id, fd, data });
      });
    }
    tool.once('close', (code, signal) => {
      if (!started) return;
      tools.delete(req.id);
      reply({ op: 'exit', id: req.id, code, signal });
    });
  };
  process.on('message', (req: HostRequest) => {
    if (req.op === 'kill') tools.get(req.id)?.kill(req.signal);
    else start(req);
  });
  // The companion is gone (exited, killed, or let this host go when idle): so are the tools it started.
  process.once('disconnect', () => {
    for (const tool of tools.values()) tool.kill('SIGKILL');
    process.exit(0);
  });
  reply({ op: 'ready' });
}

/** The host's program as `node -e` takes it. */
export function toolHostSource(): string {
  return `(${toolHostMain.toString()})();`;
}
