// `shotline serve`: the daemon the panel pairs with, with its jobs kept in SQLite across restarts.
import type { Companion } from '../../companion';
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { defaultDataDir, prepareDataDir } from '../../config/data-dir';
import { pairingCodeLine } from './pair';
import { parsePort, parseWaitSeconds } from '../arguments';
import { CliError } from '../cli-error';
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
  workerWait: number;
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
        '--worker-wait <seconds>',
        'coordinator mode: how long a shot no live worker serves waits for one (0: refused at once)',
        parseWaitSeconds,
        0,
      )
      .option(
        '--output-dir <dir>',
        'where clips are written (a shared mount on a cluster); default DATA-DIR/outputs',
      )
      .option('--print-token', 'print the full pairing token on stdout (for scripts and tests)', false),
  );
  backendOptions(command).action(async (flags: ServeFlags) => {
    // Loaded here, not at the top: `--help` and the other commands should not pay for them.
    const [
      { createLogger },
      { readUsers, TokenBook },
      { Companion },
      { loadOrCreateToken },
      { loadPolicyConfig },
      { PolicyGate },
      { CompanionServer },
      { removeLeftovers, removeStaleWorkDirs },
      { SqliteJobStore },
      { TemplateStore },
      { PairingCodes },
    ] = await Promise.all([
      import('../logger'),
      import('../../config/user-tokens'),
      import('../../companion'),
      import('../../config/token'),
      import('../../policy/policy-config'),
      import('../../policy/policy-gate'),
      import('../../server/server'),
      import('../../store/cleanup'),
      import('../../store/sqlite-job-store'),
      import('../../templates/template-store'),
      import('../../config/pairing-code'),
    ]);
    const log = createLogger();
    const layout = prepareDataDir(flags.dataDir);
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
    await removeStaleWorkDirs();
    const queueUrl = flags.queue;
    // BullMQ and ioredis only in coordinator mode.
    const cluster = queueUrl
      ? await Promise.all([
          import('../../cluster/distributed-queue'),
          import('../../cluster/redis-url'),
          import('../../cluster/job-data'),
        ])
      : undefined;
    const companion = new Companion({
      outputDir,
      ...(queueUrl &&
        cluster && {
          dispatcher: () =>
            new cluster[0].DistributedQueue(cluster[1].redisOptionsFromUrl(queueUrl), log, {
              codec: cluster[2].codecFor(flags.codec),
              workerWaitMs: flags.workerWait * 1000,
            }),
        }),
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
      store: new SqliteJobStore(join(layout.root, 'jobs.sqlite')),
      templates: TemplateStore.open(join(layout.root, 'templates.json'), (message) => log.warn(message)),
    });
    // Codes stand for the owner token, so only a daemon that nobody else can reach hands them out.
    const pairingCodes = LOOPBACK.has(flags.host) ? new PairingCodes(layout.pairingCodeFile) : undefined;
    const server = new CompanionServer(companion, {
      ...(pairingCodes && { pairingCodes }),
      host: flags.host,
      port: flags.port,
      token: token.value,
      users: new TokenBook(token.value, users),
      ...(tls && { tls }),
      log,
      allowedOrigins: flags.allowOrigin,
      allowedHosts: LOOPBACK.has(flags.host) ? [] : [flags.host],
    });
    const address = await server.listen();
    // Jobs are restored once the server listens, so their events reach panels that reconnect.
    const restored = companion.restore();
    // After the restore, so the partials of jobs still open (workers may be writing them) are known and kept.
    const leftovers = await removeLeftovers(outputDir, {
      openOutputs: new Set(
        companion.queue
          .list()
          .filter((j) => j.status === 'queued' || j.status === 'running')
          .map((j) => basename(j.outPath)),
      ),
    });
    log.info({ ...restored, leftoversRemoved: leftovers.length }, 'state restored');
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `${tls ? 'wss' : 'ws'}://${shownHost}:${address.port}`;
    process.stdout.write(
      [
        `Shotline companion listening on ${url}`,
        `Outputs: ${outputDir}`,
        ...(queueUrl ? [`Coordinator: jobs go to workers through ${queueUrl}`] : []),
        `Jobs restored: ${restored.requeued} to run, ${restored.finished} finished`,
        ...(pairingCodes ? [pairingCodeLine(pairingCodes.issue())] : []),
        `Pairing token ${token.created ? '(new) ' : ''}in ${layout.tokenFile} (for scripts, or to paste instead of a code).`,
        ...(flags.printToken ? [`TOKEN ${token.value}`] : []),
        `READY ${url}`,
        '',
      ].join('\n'),
    );
    // What each backend lacks, said once at start-up rather than by the first failed job; it does not hold READY.
    void announcePreflights(companion);
    const shutdown = async (signal: string) => {
      log.info({ signal }, 'shutting down; unfinished jobs resume on the next start');
      await server.close();
      await companion.detach();
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
