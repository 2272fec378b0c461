// Runs `shotline worker` as a real child process, so tests can SIGKILL it mid-job.
import { spawn, type ChildProcess } from 'node:child_process';
import { SHOTLINE_BIN } from './repo-root';

const BIN = SHOTLINE_BIN;

export interface WorkerProcess {
  id: string;
  child: ChildProcess;
  stderr: () => string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function startWorker(queueUrl: string, args: string[] = []): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [BIN, 'worker', '--queue', queueUrl, ...args], {
    env: { ...process.env, SHOTLINE_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start: ${err}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${err}`)));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const ready = /READY (\S+)/.exec(out);
      if (ready) {
        clearTimeout(timer);
        resolve({
          id: ready[1]!,
          child,
          stderr: () => err,
          kill: (signal = 'SIGKILL') => {
            if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
            child.kill(signal);
            return exited;
          },
        });
      }
    });
  });
}
