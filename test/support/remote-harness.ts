// Companion + daemon for remote-backend tests: a logger we can read, and waiting for a job to end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { Companion, type CompanionOptions } from '../../companion/companion';
import { prepareDataDir } from '../../companion/config/data-dir';
import { loadOrCreateToken } from '../../companion/config/token';
import type { JobRecord } from '../../companion/queue/job-record';
import { CompanionServer } from '../../companion/server/server';
import type { RunningCompanion } from './companion-harness';

export async function startLoggedCompanion(
  options: Partial<CompanionOptions>,
  log: Logger,
): Promise<RunningCompanion> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shotline-remote-test-'));
  const layout = prepareDataDir(dataDir);
  const token = loadOrCreateToken(layout.tokenFile).value;
  const companion = new Companion({ outputDir: layout.outputs, ...options });
  const server = new CompanionServer(companion, { port: 0, token, log });
  const address = await server.listen();
  return {
    url: `ws://127.0.0.1:${address.port}`,
    token,
    dataDir,
    outputDir: layout.outputs,
    companion,
    async stop() {
      await server.close();
      await companion.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves when the job is done, failed or cancelled. */
export function settled(companion: Companion, jobId: string): Promise<JobRecord> {
  return new Promise((resolve) => {
    const check = (job: JobRecord) => {
      if (job.jobId !== jobId) return;
      companion.queue.off('done', check);
      companion.queue.off('failed', check);
      resolve(job);
    };
    companion.queue.on('done', check);
    companion.queue.on('failed', check);
  });
}

/** Resolves with the job's first checkpoint (the remote task or prompt id). */
export function firstCheckpoint(companion: Companion, jobId: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const check = (job: JobRecord) => {
      if (job.jobId !== jobId || !job.checkpoint) return;
      companion.queue.off('checkpoint', check);
      resolve({ ...job.checkpoint });
    };
    companion.queue.on('checkpoint', check);
  });
}
