// `shotline worker`: joins a studio cluster and runs jobs for one backend and model.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { parsePositiveInt } from '../arguments';
import { backendOptions, backendSettingsFromFlags, type BackendFlags } from './backend-flags';
import { mediaOptions, type MediaFlags } from './media-flags';

interface WorkerFlags extends Omit<MediaFlags, 'codec'>, BackendFlags {
  queue: string;
  backend: string;
  modelId?: string;
  concurrency: number;
  lockMs: number;
  outputDir?: string;
}

export function registerWorker(program: Command): void {
  const command = mediaOptions(
    program
      .command('worker')
      .description('run jobs for a coordinator (`serve --queue`): one backend and model per worker')
      .requiredOption('--queue <redis-url>', "the cluster's Redis, e.g. redis://10.0.0.5:6379")
      .option('--backend <name>', 'backend this worker runs', 'slate')
      .option('--model-id <id>', 'model id jobs must name to come here (default: "default")')
      .option('--concurrency <n>', 'jobs at once', parsePositiveInt, 1)
      .option(
        '--lock-ms <ms>',
        "job lock; a killed worker's job runs again elsewhere after this",
        parsePositiveInt,
        30_000,
      )
      .option('--output-dir <dir>', 'check that the shared output folder is mounted here before taking jobs'),
    { codec: false },
  );
  backendOptions(command).action(async (flags: WorkerFlags) => {
    const [{ ClusterWorker }, { redisOptionsFromUrl }, { createLogger }] = await Promise.all([
      import('../../cluster/cluster-worker'),
      import('../../cluster/redis-url'),
      import('../logger'),
    ]);
    const log = createLogger();
    if (flags.outputDir) mkdirSync(resolve(flags.outputDir), { recursive: true });
    const worker = new ClusterWorker({
      redis: redisOptionsFromUrl(flags.queue),
      backend: flags.backend,
      ...(flags.modelId !== undefined && { model: flags.modelId }),
      concurrency: flags.concurrency,
      backendSettings: backendSettingsFromFlags(flags, log),
      fit: flags.fit,
      rateMode: flags.rateMode,
      burnInLabel: flags.burnInLabel,
      lockMs: flags.lockMs,
      log,
    });
    await worker.start();
    process.stdout.write(
      `Shotline worker ${worker.id}: ${flags.backend}/${flags.modelId ?? 'default'} from ${flags.queue}\nREADY ${worker.id}\n`,
    );
    const stop = async (signal: string) => {
      log.info({ signal }, 'finishing jobs in hand, then leaving the cluster');
      await worker.stop();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  });
}
