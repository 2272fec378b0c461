// Runs `shotline serve` as a real child process (so it can be SIGKILLed) and reads its READY line.
import { spawn, type ChildProcess } from 'node:child_process';
import { SHOTLINE_BIN } from './repo-root';

const BIN = SHOTLINE_BIN;

export interface DaemonProcess {
  url: string;
  token: string;
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startDaemon(
  dataDir: string,
  env: NodeJS.ProcessEnv = {},
  extraArgs: string[] = [],
): Promise<DaemonProcess> {
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--port', '0', '--data-dir', dataDir, '--print-token', ...extraArgs],
    {
      env: { ...process.env, SHOTLINE_LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`daemon did not start: ${err}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`daemon exited with ${code}: ${err}`)));
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const ready = /READY (\S+)/.exec(out);
      const token = /TOKEN (\S+)/.exec(out);
      if (ready && token) {
        clearTimeout(timer);
        resolve({
          url: ready[1]!,
          token: token[1]!,
          child,
          stdout: () => out,
          stderr: () => err,
          kill: (signal = 'SIGKILL') => {
            child.kill(signal);
            return exited;
          },
        });
      }
    });
  });
}
