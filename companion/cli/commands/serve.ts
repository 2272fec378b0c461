// `shotline serve`: the daemon the panel pairs with, with its jobs kept in SQLite across restarts.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DistributedQueue } from '../../cluster/distributed-queue';
import { redisOptionsFromUrl } from '../../cluster/redis-url';
import type { Command } from 'commander';
import { Companion } from '../../companion';
import { defaultDataDir, prepareDataDir } from '../../config/data-dir';
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
  allowRemote: boolean;
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
        'address to listen on; anything but loopback needs --allow-remote',
        '127.0.0.1',
      )
      .option('--allow-remote', 'allow --host beyond loopback (traffic is NOT encrypted: see README)', false)
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
    if (!LOOPBACK.has(flags.host) && !flags.allowRemote) {
      throw new CliError(
        `--host ${flags.host} is not loopback: add --allow-remote if you really mean to expose the companion.`,
      );
    }
    const log = createLogger();
    const layout = prepareDataDir(flags.dataDir);
    const token = loadOrCreateToken(layout.tokenFile);
    const policy = new PolicyGate(loadPolicyConfig(join(layout.root, 'policy.json')));
    const outputDir = resolve(flags.outputDir ?? layout.outputs);
    mkdirSync(outputDir, { recursive: true });
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
      backendSettings: backendSettingsFromFlags(flags, log),
      policy,
      store: new SqliteJobStore(join(layout.root, 'jobs.sqlite')),
      templates: TemplateStore.open(join(layout.root, 'templates.json'), (message) => log.warn(message)),
    });
    const server = new CompanionServer(companion, {
      host: flags.host,
      port: flags.port,
      token: token.value,
      log,
      allowedOrigins: flags.allowOrigin,
      allowedHosts: LOOPBACK.has(flags.host) ? [] : [flags.host],
    });
    const address = await server.listen();
    // Jobs are restored once the server listens, so their events reach panels that reconnect.
    const restored = companion.restore();
    log.info({ ...restored, leftoversRemoved: leftovers.length }, 'state restored');
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `ws://${shownHost}:${address.port}`;
    if (!LOOPBACK.has(flags.host)) {
      log.warn(
        { host: flags.host },
        'listening beyond loopback without TLS: the token and clips cross the network in clear',
      );
    }
    process.stdout.write(
      [
        `Shotline companion listening on ${url}`,
        `Outputs: ${outputDir}`,
        ...(queueUrl ? [`Coordinator: jobs go to workers through ${queueUrl}`] : []),
        `Jobs restored: ${restored.requeued} to run, ${restored.finished} finished`,
        `Pairing token ${token.created ? '(new) ' : ''}in ${layout.tokenFile} — paste it into the panel's Token field.`,
        ...(flags.printToken ? [`TOKEN ${token.value}`] : []),
        `READY ${url}`,
        '',
      ].join('\n'),
    );
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
