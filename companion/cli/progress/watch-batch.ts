// Runs a CLI batch with a progress reporter attached and builds the end summary.
import { platform } from 'node:os';
import type { Companion } from '../../companion';
import type { JobRecord } from '../../queue/job-record';
import type { WrittenTimeline } from '../../timeline';
import { waitForJobs, type BatchResult } from '../run-jobs';
import { trackBatch } from './batch-tracker';
import type { ProgressReporter, SummaryEvent } from './progress-event';

export interface WatchedBatch extends BatchResult {
  seconds: number;
}

export async function watchBatch(
  companion: Companion,
  jobs: JobRecord[],
  reporter: ProgressReporter,
  start: { backend: string; outDir: string; jobs: number },
): Promise<WatchedBatch> {
  const startedAt = performance.now();
  reporter.report({ event: 'start', clips: jobs.length, ...start });
  const untrack = trackBatch(companion.queue, jobs, (event) => reporter.report(event));
  try {
    // The reporter prints each settled clip; waitForJobs only waits.
    const result = await waitForJobs(companion, jobs, () => undefined);
    // Clips finish in any order when several run at once; the summary lists them in script order.
    const inScriptOrder = (settled: JobRecord[]) => jobs.filter((job) => settled.includes(job));
    return {
      done: inScriptOrder(result.done),
      failed: inScriptOrder(result.failed),
      seconds: (performance.now() - startedAt) / 1000,
    };
  } finally {
    untrack();
  }
}

export function batchSummary(batch: WatchedBatch, outDir: string, timeline?: WrittenTimeline): SummaryEvent {
  return {
    event: 'summary',
    made: batch.done.length,
    failed: batch.failed.map((job) => ({
      shotId: job.shot.shotId,
      take: job.take,
      code: job.error?.code ?? 'BACKEND_FAILED',
      message: job.error?.message ?? 'failed',
    })),
    seconds: batch.seconds,
    outDir,
    ...(timeline && {
      timeline: { xml: timeline.xml, otio: timeline.otio },
      open: openCommand(timeline.xml),
    }),
  };
}

/** How this system opens a file with its default application (Premiere Pro, for an FCP XML it owns). */
export function openCommand(path: string, os = platform()): string {
  const quoted = JSON.stringify(path);
  if (os === 'darwin') return `open ${quoted}`;
  if (os === 'win32') return `start "" ${quoted}`;
  return `xdg-open ${quoted}`;
}
