// The daemon's start once the data folder is locked: restore, clean up, listen, and say where it is.
import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { basename, join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { Companion } from '../../companion';
import { prepareDataDir } from '../../config/data-dir';
import type { DataDirLock } from '../../config/data-dir-lock';
import { PairingCodes } from '../../config/pairing-code';
import { loadOrCreateToken } from '../../config/token';
import { readUsers, TokenBook } from '../../config/user-tokens';
import { loadPolicyConfig } from '../../policy/policy-config';
import { PolicyGate } from '../../policy/policy-gate';
import { CompanionServer } from '../../server/server';
import { removeLeftovers, removeStaleWorkDirs } from '../../store/cleanup';
import { SqliteJobStore } from '../../store/sqlite-job-store';
import { TemplateStore } from '../../templates/template-store';
import { CliError } from '../cli-error';
import { backendSettingsFromFlags } from './backend-flags';
import { pairingCodeLine } from './pair';
import type { ServeFlags } from './serve-flags';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export interface StartedDaemon {
  server: CompanionServer;
  companion: Companion;
}

/** Everything after the lock; a failure undoes what started, so the process exits instead of idling. */
export async function startDaemon(flags: ServeFlags, lock: DataDirLock, log: Logger): Promise<StartedDaemon> {
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
    mediaRoots: flags.mediaRoot.map((dir) => resolve(dir)),
    framesDir: join(layout.root, 'conditioning'),
    ...(queueUrl &&
      cluster && {
        dispatcher: (_run, _concurrency, prepareImages) =>
          new cluster[0].DistributedQueue(cluster[1].redisOptionsFromUrl(queueUrl), log, {
            codec: cluster[2].codecFor(flags.codec),
            workerWaitMs: flags.workerWait * 1000,
            prepareImages,
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
    // Slate draws on the CPU: its lane may use every core. The others keep their own limits (GPU, API quota).
    backendSettings: { ...backendSettingsFromFlags(flags, log), slate: { concurrency: flags.slateJobs } },
    policy,
    store,
    templates: TemplateStore.open(join(layout.root, 'templates.json'), (message) => log.warn(message)),
    warn: (message) => log.warn(message),
    jobLog: log,
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
  let address: AddressInfo;
  try {
    // Restored before listening: a panel that connects at once sees every job, and a restore that fails
    // stops the start instead of leaving a listening daemon with no jobs.
    const restored = companion.restore();
    for (const row of restored.quarantined) log.error(row, 'job row set aside in jobs_quarantine');
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
        ...(pairingCodes ? [pairingCodeLine(pairingCodes.issue())] : []),
        `Pairing token ${token.created ? '(new) ' : ''}in ${layout.tokenFile} (for scripts, or to paste instead of a code).`,
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
