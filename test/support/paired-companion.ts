// Per-test fixture: a fresh companion with one paired panel, a scratch folder, and fake ffmpegs that undo themselves.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ShotRequestInput, ToClientMessage } from '../../shared/protocol';
import type { CompanionOptions } from '../../companion/companion';
import { startCompanion, type RunningCompanion } from './companion-harness';
import { TestPanel } from './test-panel';

export interface PairedCompanion {
  running: RunningCompanion;
  panel: TestPanel;
  dir: string;
  /** Puts a shell script in place of ffmpeg for the rest of this test. */
  fakeFfmpeg(script: string): string;
  /** Generates one shot and resolves with how its job ended. */
  settle(
    id: string,
    shot: ShotRequestInput,
  ): Promise<Extract<ToClientMessage, { type: 'job.done' | 'job.failed' }>>;
}

export function pairedCompanionPerTest(
  prefix: string,
  options: Partial<CompanionOptions> = {},
): PairedCompanion {
  const ctx = {} as PairedCompanion;
  const savedFfmpeg = process.env.SHOTLINE_FFMPEG;
  beforeEach(async () => {
    ctx.dir = mkdtempSync(join(tmpdir(), `shotline-${prefix}-`));
    ctx.running = await startCompanion(options);
    ctx.panel = await TestPanel.connect(ctx.running.url);
    await ctx.panel.pair(ctx.running.token);
  });
  afterEach(async () => {
    if (savedFfmpeg === undefined) delete process.env.SHOTLINE_FFMPEG;
    else process.env.SHOTLINE_FFMPEG = savedFfmpeg;
    ctx.panel.close();
    await ctx.running.stop();
    rmSync(ctx.dir, { recursive: true, force: true });
  });
  ctx.fakeFfmpeg = (script) => {
    const path = join(ctx.dir, 'ffmpeg');
    writeFileSync(path, `#!/bin/sh\n${script}\n`);
    chmodSync(path, 0o755);
    process.env.SHOTLINE_FFMPEG = path;
    return path;
  };
  ctx.settle = async (id, shot) => {
    ctx.panel.send({ type: 'generate', id, shots: [shot] });
    const accepted = await ctx.panel.waitFor('accepted', (m) => m.re === id);
    const jobId = accepted.jobs[0]!.jobId;
    return Promise.race([
      ctx.panel.waitFor('job.done', (m) => m.jobId === jobId),
      ctx.panel.waitFor('job.failed', (m) => m.jobId === jobId),
    ]);
  };
  return ctx;
}
