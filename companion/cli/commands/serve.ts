// `shotline serve`: the daemon the panel pairs with, with its jobs kept in SQLite across restarts.
import { mkdirSync, readFileSync } from 'node:fs';
import { readUsers, TokenBook } from '../../config/user-tokens';
import { join, resolve } from 'node:path';
import { DistributedQueue } from '../../cluster/distributed-queue';
import { redisOptionsFromUrl } from '../../cluster/redis-url';
import type { Command } from 'commander';
import { Companion } from '../../companion';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { defaultDataDir, prepareDataDir, securePrivateDir } from '../../config/data-dir';
import { DataDirLock } from '../../config/data-dir-lock';
import { loadOrCreateToken } from '../../config/token';
import { loadPolicyConfig } from '../../policy/policy-config';
import { PolicyGate } from '../../policy/policy-gate';
import { CompanionServer } from '../../server/server';
import { removeLeftovers, removeStaleWorkDirs } from '../../store/cleanup';
import { SqliteJobStore } from '../../store/sqlite-job-store';
import { TemplateStore } from '../../templates/template-store';
import { parsePort } from '../arguments';
import { CliError } from '../cli-error';
import { createLogger } from '../logger';
import { mediaOptions, type MediaFlags } from './media-flags';
import { backendOptions, backendSettingsFromFlags, type BackendFlags } from './backend-flags';

interface ServeFlags extends MediaFlags, BackendFlags {
  port: number;
  host: string;
  tlsCert?: string;
  tlsKey?: string;
  allowOrigin: string[];
  dataDir: string;
  backends: string;
  printToken: boolean;
  queue?: string;
  outputDir?: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
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
        '--output-dir <dir>',
        'where clips are written (a shared mount on a cluster); default DATA-DIR/outputs',
      )
      .option('--print-token', 'print the full pairing token on stdout (for scripts and tests)', false),
  );
  backendOptions(command).action(async (flags: ServeFlags) => {
    const log = createLogger();
    const warn = (message: string) => log.warn(message);
    const root = resolve(flags.dataDir);
    mkdirSync(root, { recursive: true, mode: 0o700 });
    securePrivateDir(root, warn);
    // Before anything in the folder is touched: a second daemon must not clean up the first one's clips.
    const lock = DataDirLock.acquire(root);
    let started: Started | undefined;
    try {
      started = await start(flags, lock, log);
    } catch (err) {
      lock.release();
      throw err;
    }
    const { server, companion } = started;
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

interface Started {
  server: CompanionServer;
  companion: Companion;
}

/** Everything after the lock; a failure undoes what started, so the process exits instead of idling. */
async function start(flags: ServeFlags, lock: DataDirLock, log: Logger): Promise<Started> {
  const layout = prepareDataDir(flags.dataDir, (message) => log.warn(message));
  const token = loadOrCreateToken(layout.tokenFile);
  const users = readUsers(join(layout.root, 'users.json'));
  if (Boolean(flags.tlsCert) !== Boolean(flags.tlsKey))
    throw new CliError('--tls-cert and --tls-key go together.');
  if (!LOOPBACK.has(flags.host)) {
    if (!flags.tlsCert) {
      throw new CliError(
        `--host ${flags.host} is beyond loopback: give --tls-cert and --tls-key so tokens and clips are encrypted.`,
      );
    }
    if (users.users.length === 0) {
      throw new CliError(
        `--host ${flags.host} is beyond loopback: add per-user tokens first with \`shotline user add NAME\`.`,
      );
    }
  }
  const tls =
    flags.tlsCert && flags.tlsKey
      ? { cert: readFileSync(flags.tlsCert), key: readFileSync(flags.tlsKey) }
      : undefined;
  const policy = new PolicyGate(loadPolicyConfig(join(layout.root, 'policy.json')));
  const outputDir = resolve(flags.outputDir ?? layout.outputs);
  mkdirSync(outputDir, { recursive: true });
  const store = new SqliteJobStore(join(layout.root, 'jobs.sqlite'));
  for (const warning of store.warnings) log.warn(warning);
  const leftovers = await removeLeftovers(outputDir);
  await removeStaleWorkDirs();
  const queueUrl = flags.queue;
  const companion = new Companion({
    outputDir,
    ...(queueUrl && { dispatcher: () => new DistributedQueue(redisOptionsFromUrl(queueUrl), log) }),
    backends: flags.backends
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    codec: flags.codec,
    fit: flags.fit,
    rateMode: flags.rateMode,
    burnInLabel: flags.burnInLabel,
    backendSettings: backendSettingsFromFlags(flags, log),
    policy,
    store,
    templates: TemplateStore.open(join(layout.root, 'templates.json'), (message) => log.warn(message)),
    warn: (message) => log.warn(message),
  });
  const server = new CompanionServer(companion, {
    host: flags.host,
    port: flags.port,
    token: token.value,
    users: new TokenBook(token.value, users),
    ...(tls && { tls }),
    log,
    allowedOrigins: flags.allowOrigin,
    allowedHosts: LOOPBACK.has(flags.host) ? [] : [flags.host],
  });
  let address: AddressInfo;
  try {
    // Restored before listening: a panel that connects at once sees every job, and a restore that fails
    // stops the start instead of leaving a listening daemon with no jobs.
    const restored = companion.restore();
    for (const row of restored.quarantined) log.error(row, 'job row set aside in jobs_quarantine');
    log.info({ ...restored, leftoversRemoved: leftovers.length }, 'state restored');
    address = await server.listen();
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `${tls ? 'wss' : 'ws'}://${shownHost}:${address.port}`;
    lock.announce({ url });
    process.stdout.write(
      [
        `Shotline companion listening on ${url}`,
        `Outputs: ${outputDir}`,
        ...(queueUrl ? [`Coordinator: jobs go to workers through ${queueUrl}`] : []),
        `Jobs restored: ${restored.requeued} to run, ${restored.finished} finished`,
        ...(restored.quarantined.length > 0
          ? [
              `Jobs set aside: ${restored.quarantined.length} unreadable row(s) moved to jobs_quarantine (${restored.quarantined.map((r) => r.jobId).join(', ')})`,
            ]
          : []),
        ...store.warnings.map((w) => `Warning: ${w}`),
        `Pairing token ${token.created ? '(new) ' : ''}in ${layout.tokenFile} — paste it into the panel's Token field.`,
        ...(flags.printToken ? [`TOKEN ${token.value}`] : []),
        `READY ${url}`,
        '',
      ].join('\n'),
    );
  } catch (err) {
    await server.close().catch(() => undefined);
    await companion.detach().catch(() => undefined);
    throw err;
  }
  return { server, companion };
}
