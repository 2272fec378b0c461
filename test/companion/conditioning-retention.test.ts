// Kept conditioning frames go with their job's record: when it is forgotten, or at a start that no longer has it.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { waitForJobs } from '../../companion/cli/run-jobs';
import { Companion } from '../../companion/companion';
import { sha256File } from '../../companion/media/file-hash';
import type { JobRecord } from '../../companion/queue/job-record';
import { MemoryJobStore } from '../../companion/store/job-store';
import { ShotRequestSchema } from '../../shared/protocol';

let root: string;
let media: string;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'shotline-keep-'));
  media = join(root, 'media');
  mkdirSync(media);
  await solid(join(media, 'green.png'), { r: 20, g: 200, b: 40 });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function solid(path: string, background: { r: number; g: number; b: number }) {
  return sharp({ create: { width: 96, height: 54, channels: 3, background } })
    .png()
    .toFile(path);
}

const shot = (takes = 1) =>
  ShotRequestSchema.parse({
    shotId: 'K1',
    prompt: 'the door swings shut',
    duration: { frames: 6 },
    fps: { num: 24, den: 1 },
    size: { width: 96, height: 54 },
    seed: 1,
    takes,
    backend: 'slate',
    conditioning: { mode: 'i2v', startImage: { kind: 'still', path: join(media, 'green.png') } },
  });

test('frames of jobs past the kept history are removed; a job still running keeps its own', async () => {
  const framesDir = join(root, 'frames-1');
  const companion = new Companion({
    outputDir: join(root, 'out-1'),
    framesDir,
    backends: ['slate'],
    mediaRoots: [media],
    keepFinished: 1,
  });
  const removedWhileOpen: string[] = [];
  try {
    // Each time a job finishes, the jobs past their frames (generating, writing) must still have them.
    companion.queue.on('done', () => {
      const past = companion.queue
        .list()
        .filter((j) => j.status === 'running' && ['generating', 'writing'].includes(j.progress?.phase ?? ''));
      removedWhileOpen.push(...past.filter((j) => !existsSync(join(framesDir, j.jobId))).map((j) => j.jobId));
    });
    const jobs = companion.submit([shot(3)], { ownerId: 't' });
    const { done, failed } = await waitForJobs(companion, jobs, () => undefined);
    expect(failed.map((j) => j.error)).toEqual([]);
    expect(done).toHaveLength(3);
  } finally {
    await companion.close();
  }
  expect(removedWhileOpen).toEqual([]);
  const kept = companion.queue.list().map((j) => j.jobId);
  expect(kept).toHaveLength(1);
  expect(readdirSync(framesDir)).toEqual(kept);
});

test('at start, frames of jobs the store no longer holds go; a job that runs again finds the frames it kept', async () => {
  const framesDir = join(root, 'frames-2');
  const store = new MemoryJobStore();
  const waiting: JobRecord = {
    jobId: 'job_waitingAgain0001',
    ownerId: 't',
    shot: shot(),
    take: 1,
    seed: 1,
    frames: 6,
    outPath: join(root, 'out-2', 'K1_take1.mp4'),
    status: 'running',
    createdAt: new Date(),
  };
  store.save(waiting);
  // The frame its first attempt kept (red), though the source is green now; and a folder nobody holds.
  mkdirSync(join(framesDir, waiting.jobId), { recursive: true });
  await solid(join(framesDir, waiting.jobId, 'start.png'), { r: 210, g: 20, b: 20 });
  const keptHash = await sha256File(join(framesDir, waiting.jobId, 'start.png'));
  mkdirSync(join(framesDir, 'job_prunedLongAgo01'), { recursive: true });
  await solid(join(framesDir, 'job_prunedLongAgo01', 'start.png'), { r: 1, g: 2, b: 3 });
  // Not a job's folder: never touched.
  mkdirSync(join(framesDir, 'notes'));

  const companion = new Companion({
    outputDir: join(root, 'out-2'),
    framesDir,
    backends: ['slate'],
    mediaRoots: [media],
    store,
  });
  try {
    expect(companion.restore().requeued).toBe(1);
    const job = companion.queue.get(waiting.jobId)!;
    const { done } = await waitForJobs(companion, [job], () => undefined);
    expect(done[0]?.provenance?.conditioning?.startImage.sha256).toBe(keptHash);
  } finally {
    await companion.close();
  }
  expect(readdirSync(framesDir).sort()).toEqual([waiting.jobId, 'notes']);
});
