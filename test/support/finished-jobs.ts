// Fills a companion's queue with finished jobs, as a long-running daemon's history would look.
import { ShotRequestSchema } from '../../shared/protocol';
import type { Companion } from '../../companion/companion';
import { newJobId } from '../../companion/util/ids';

/** Adds `count` finished jobs owned by `ownerId`, each with an output path of about `pathLength` characters. */
export function adoptFinishedJobs(
  companion: Companion,
  count: number,
  ownerId: string,
  pathLength = 120,
): void {
  const shot = ShotRequestSchema.parse({
    shotId: 'history',
    prompt: 'x',
    duration: { frames: 1 },
    fps: { num: 24, den: 1 },
    size: { width: 32, height: 32 },
    backend: 'slate',
  });
  for (let i = 0; i < count; i++) {
    const path = `/clips/${'p'.repeat(pathLength)}_${i}.mp4`;
    companion.queue.adopt({
      jobId: newJobId(),
      ownerId,
      shot,
      take: 1,
      seed: i,
      frames: 1,
      outPath: path,
      status: 'done',
      createdAt: new Date(),
      output: {
        path,
        sidecarPath: `${path}.json`,
        frames: 1,
        fps: { num: 24, den: 1 },
        width: 32,
        height: 32,
        durationSeconds: 1 / 24,
        codec: 'h264',
        sha256: '0'.repeat(64),
      },
    });
  }
}
