// The real ComfyUI for the peers suite: installed by the peer's own setup script, started on a free loopback port.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../support/repo-root';

const run = promisify(execFile);

/** Git-ignored, inside the repository, reused across runs (the venv is the slow part). */
export const INSTALL_DIR = join(REPO_ROOT, '.peers', 'comfyui');

// A model-free node of the test's own: reports `steps` steps over /ws and stops between them when interrupted.
const PROGRESS_NODE = `
import time
import torch
import comfy.utils
import comfy.model_management

class ShotlineProgress:
    @classmethod
    def INPUT_TYPES(cls):
        return {"required": {"images": ("IMAGE",), "steps": ("INT", {"default": 4, "min": 1, "max": 10000}),
                             "delay": ("FLOAT", {"default": 0.05, "min": 0.0, "max": 10.0}),
                             "label": ("STRING", {"default": ""})}}
    RETURN_TYPES = ("IMAGE",)
    FUNCTION = "run"
    CATEGORY = "shotline/test"

    def run(self, images, steps, delay, label):
        bar = comfy.utils.ProgressBar(steps)
        for _ in range(steps):
            comfy.model_management.throw_exception_if_processing_interrupted()
            time.sleep(delay)
            bar.update(1)
        # Every frame a little brighter, as a real render differs frame to frame (encoders merge equal frames).
        ramp = torch.linspace(0.0, 0.6, images.shape[0]).reshape(-1, 1, 1, 1)
        return ((images + ramp).clamp(0.0, 1.0),)

NODE_CLASS_MAPPINGS = {"ShotlineProgress": ShotlineProgress}
`;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Runs the peer's setup script (idempotent) and returns the start command it prints, PORT still in it. */
export async function installComfyUI(peerDir: string): Promise<{ command: string; seconds: number }> {
  const started = Date.now();
  mkdirSync(INSTALL_DIR, { recursive: true });
  const { stdout } = await run('bash', [join(peerDir, 'setup.sh'), INSTALL_DIR], {
    maxBuffer: 16 * 1024 * 1024,
    timeout: 15 * 60_000,
  });
  const command = stdout.trim().split('\n').at(-1) ?? '';
  if (!command.includes('main.py'))
    throw new Error(`setup.sh printed no start command: ${stdout.slice(-500)}`);
  writeFileSync(join(INSTALL_DIR, 'ComfyUI', 'custom_nodes', 'shotline_progress.py'), PROGRESS_NODE);
  return { command, seconds: (Date.now() - started) / 1000 };
}

export class ComfyUIServer {
  private child?: ChildProcess;
  log = '';

  constructor(
    private readonly command: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the server and resolves once it answers /system_stats. */
  async start(timeoutMs = 180_000): Promise<void> {
    // The printed command is "NAME=value … python main.py …" with no quoting (setup.sh's own paths).
    const words = this.command.replace('PORT', String(this.port)).split(/\s+/);
    const env = { ...process.env };
    while (/^[A-Z_]+=/.test(words[0] ?? '')) {
      const [name, ...value] = words.shift()!.split('=');
      env[name!] = value.join('=');
    }
    const child = spawn(words[0]!, words.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const keep = (chunk: Buffer) => (this.log = (this.log + chunk.toString()).slice(-20_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`ComfyUI exited (${child.exitCode}):\n${this.log}`);
      const up = await fetch(`${this.url}/system_stats`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) return;
      if (Date.now() > until) throw new Error(`ComfyUI did not answer within ${timeoutMs} ms:\n${this.log}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** Kills the process we started (a crash, not a clean exit) and waits for it to be gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await gone;
  }
}
