// Load: 50 concurrent panels x 20 slate jobs each at a tiny size; every job must finish, routed to its owner.
import type { ShotRequestInput } from '../shared/protocol';
import { startCompanion } from '../test/support/companion-harness';
import { TestPanel } from '../test/support/test-panel';
import { type BenchRow } from './table';

export interface LoadFigures {
  rows: BenchRow[];
  lines: string[];
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function benchLoad(clients = 50, jobsPerClient = 20): Promise<LoadFigures> {
  // The panels share one token, and queue caps count per token; they also all connect at once.
  const running = await startCompanion(
    { maxQueuedPerOwner: clients * jobsPerClient, keepFinished: clients * jobsPerClient },
    { limits: { messagesPerSecond: 1000, messageBurst: 1000 }, maxUnpaired: clients },
  );
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  try {
    const panels = await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        const panel = await TestPanel.connect(running.url);
        panel.send({
          type: 'hello',
          token: running.token,
          client: { name: `load-${c}`, version: '0' },
          session: `loadclient${c}`,
        });
        await panel.waitFor('welcome');
        return panel;
      }),
    );
    const perClient = await Promise.all(
      panels.map(async (panel, c) => {
        const shots: ShotRequestInput[] = Array.from({ length: jobsPerClient }, (_, j) => ({
          shotId: `C${c}-J${j}`,
          prompt: `client ${c} job ${j}`,
          duration: { frames: 2 },
          fps: { num: 24, den: 1 },
          size: { width: 64, height: 36 },
          seed: j,
          backend: 'slate',
        }));
        panel.send({ type: 'generate', id: `g${c}`, shots });
        const accepted = await panel.waitFor('accepted', undefined, 600_000);
        const mine = new Set(accepted.jobs.map((j) => j.jobId));
        await Promise.all(
          accepted.jobs.map((j) => panel.waitFor('job.done', (m) => m.jobId === j.jobId, 600_000)),
        );
        let misrouted = 0;
        for (const m of panel.received) {
          if ('jobId' in m && !mine.has(m.jobId)) misrouted++;
        }
        return { done: accepted.jobs.length, misrouted };
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const done = perClient.reduce((n, c) => n + c.done, 0);
    const misrouted = perClient.reduce((n, c) => n + c.misrouted, 0);
    const lags = panels.flatMap((p) => p.progressLagMs);
    panels.forEach((p) => p.close());
    return {
      rows: [],
      lines: [
        `load: ${clients} clients x ${jobsPerClient} jobs = ${done} finished of ${clients * jobsPerClient}, misrouted ${misrouted}`,
        `load: ${(done / seconds).toFixed(1)} jobs/s over ${seconds.toFixed(1)} s; progress latency p50 ${percentile(lags, 50).toFixed(2)} ms, p99 ${percentile(lags, 99).toFixed(2)} ms (${lags.length} messages)`,
        `load: RSS ${(rssBefore / 2 ** 20).toFixed(0)} MiB before, peak ${(rssPeak / 2 ** 20).toFixed(0)} MiB (companion and clients share this process)`,
      ],
    };
  } finally {
    clearInterval(sampler);
    await running.stop();
  }
}
