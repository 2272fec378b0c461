// The job timeline's failure lines: a cancelled or failed job ends its timeline with one `failed` line at
// warn level, with its status, error code and reason.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ShotlineError, ShotRequestSchema } from '../../shared/protocol';
import { Companion } from '../../companion/companion';
import { waitForJobs } from '../../companion/cli/run-jobs';
import type { JobLog } from '../../companion/queue/job-timeline';

interface Line {
  level: 'info' | 'warn';
  message: string;
  fields: Record<string, unknown>;
}

function collector(): { log: JobLog; lines: Line[] } {
  const lines: Line[] = [];
  return {
    lines,
    log: {
      info: (fields, message) => lines.push({ level: 'info', message, fields: { ...fields } }),
      warn: (fields, message) => lines.push({ level: 'warn', message, fields: { ...fields } }),
    },
  };
}

const shot = (shotId: string) =>
  ShotRequestSchema.parse({
    shotId,
    prompt: 'A van in the rain.',
    duration: { frames: 4 },
    fps: { num: 24, den: 1 },
    size: { width: 64, height: 36 },
    seed: 1,
    backend: 'slate',
  });

describe('job timeline', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shotline-timeline-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a job cancelled while queued logs queued, then failed with status and code', async () => {
    const { log, lines } = collector();
    const companion = new Companion({ outputDir: dir, jobLog: log });
    try {
      const jobs = companion.submit([shot('S1'), shot('S2')], { ownerId: 'test' });
      const settled = waitForJobs(companion, jobs, () => undefined);
      expect(companion.queue.cancel(jobs[1]!.jobId)).toBe(true);
      await settled;
      const second = lines.filter((l) => l.fields.job === jobs[1]!.jobId);
      expect(second.map((l) => [l.level, l.fields.phase])).toEqual([
        ['info', 'queued'],
        ['warn', 'failed'],
      ]);
      expect(second[1]).toMatchObject({
        message: 'The job was cancelled before it started.',
        fields: { status: 'cancelled', code: 'JOB_CANCELLED', backend: 'slate' },
      });
      expect(second[1]!.fields.totalMs).toEqual(expect.any(Number));
      const first = lines.filter((l) => l.fields.job === jobs[0]!.jobId).map((l) => l.fields.phase);
      expect(first).toEqual(['queued', 'started', 'backend', 'conform', 'encode', 'committed', 'done']);
    } finally {
      await companion.close();
    }
  });

  test('a job whose backend throws logs failed with the backend error', async () => {
    const { log, lines } = collector();
    const companion = new Companion({ outputDir: dir, jobLog: log });
    try {
      const slate = companion.registry.get('slate')!;
      jest
        .spyOn(slate, 'generate')
        .mockRejectedValue(new ShotlineError('BACKEND_FAILED', 'The slate broke.'));
      const jobs = companion.submit([shot('S3')], { ownerId: 'test' });
      await waitForJobs(companion, jobs, () => undefined);
      const phases = lines.map((l) => [l.level, l.fields.phase, l.fields.code]);
      expect(phases).toEqual([
        ['info', 'queued', undefined],
        ['info', 'started', undefined],
        ['warn', 'failed', 'BACKEND_FAILED'],
      ]);
      expect(lines.at(-1)).toMatchObject({ message: 'The slate broke.', fields: { status: 'failed' } });
    } finally {
      await companion.close();
    }
  });
});
