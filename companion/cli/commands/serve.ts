// `shotline serve`: the daemon the panel pairs with, with its jobs kept in SQLite across restarts.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Companion } from '../../companion';
import { defaultDataDir } from '../../config/data-dir';
import { parsePort, parsePositiveInt, parseWaitSeconds } from '../arguments';
import { defaultJobs } from './progress-flags';
import { mediaOptions } from './media-flags';
import { backendOptions } from './backend-flags';
import type { ServeFlags } from './serve-flags';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerServe(program: Command): void {
  const command = mediaOptions(
    program
      .command('serve')
      .description('start the companion daemon on 127.0.0.1 for the panel to pair with')
      .option('--port <port>', 'TCP port (0 picks a free one)', parsePort, 7391)
      .option(
        '--host <address>',
        'address to listen on; beyond loopback needs TLS and per-user tokens',
        '127.0.0.1',
      )
      .option('--tls-cert <file>', 'PEM certificate: serve wss:// (required with a non-loopback --host)')
      .option('--tls-key <file>', 'PEM private key for --tls-cert')
      .option(
        '--allow-origin <origin>',
        'also accept WebSocket upgrades from this browser Origin (repeatable)',
        collect,
        [],
      )
      .option('--data-dir <dir>', 'where the token, job database, policy and outputs live', defaultDataDir())
      .option('--backends <names>', 'comma-separated backends to offer', 'slate')
      .option('--queue <redis-url>', 'coordinator mode: send jobs to workers through Redis (BullMQ)')
      .option(
        '--worker-wait <seconds>',
        'coordinator mode: how long a shot no live worker serves waits for one (0: refused at once)',
        parseWaitSeconds,
        0,
      )
      .option(
        '--output-dir <dir>',
        'where clips are written (a shared mount on a cluster); default DATA-DIR/outputs',
      )
      .option(
        '--slate-jobs <n>',
        'slate clips made at once (default: one per core; the same files as one at a time)',
        parsePositiveInt,
        defaultJobs(),
      )
      .option(
        '--media-root <dir>',
        'a folder whose footage and stills shots may start from (repeatable; the outputs always may)',
        collect,
        [],
      )
      .option('--print-token', 'print the full pairing token on stdout (for scripts and tests)', false),
  );
  backendOptions(command).action(async (flags: ServeFlags) => {
    // Loaded here, not at the top: `--help` and the other commands should not pay for the daemon.
    const [{ createLogger }, { securePrivateDir }, { DataDirLock }, { startDaemon }] = await Promise.all([
      import('../logger'),
      import('../../config/data-dir'),
      import('../../config/data-dir-lock'),
      import('./serve-start'),
    ]);
    const log = createLogger();
    const root = resolve(flags.dataDir);
    mkdirSync(root, { recursive: true, mode: 0o700 });
    securePrivateDir(root, (message) => log.warn(message));
    // Before anything in the folder is touched: a second daemon must not clean up the first one's clips.
    const lock = DataDirLock.acquire(root);
    let started;
    try {
      started = await startDaemon(flags, lock, log);
    } catch (err) {
      lock.release();
      throw err;
    }
    const { server, companion } = started;
    // What each backend lacks, said once at start-up rather than by the first failed job; it does not hold READY.
    void announcePreflights(companion);
    const shutdown = async (signal: string) => {
      log.info({ signal }, 'shutting down; unfinished jobs resume on the next start');
      await server.close();
      await companion.detach();
      lock.release();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
  });
}

/** Prints each backend's preflight as it answers (slow servers must not hold the others' lines back forever). */
async function announcePreflights(companion: Companion): Promise<void> {
  const { formatPreflight } = await import('../preflight-lines');
  await Promise.all(
    companion.registry.names().map(async (name) => {
      const result = await companion.preflight(name).catch(() => undefined);
      if (result) process.stdout.write(formatPreflight(result).join('\n') + '\n');
    }),
  );
}
