// Places finished jobs through the host adapter: one at the playhead, or all of them laid out in script order.
import type { HostAdapter, PlaceClipRequest } from '../host/host-adapter';
import type { JobRow, JobsAction } from './jobs-state';

export function placeRequest(job: JobRow, startTicks?: string): PlaceClipRequest {
  const output = job.output;
  if (!output) throw new Error(`job ${job.jobId} has no finished clip`);
  return {
    path: output.path,
    shotId: job.shotId,
    name: `${job.shotId} take ${job.take}`,
    frames: output.frames,
    fps: output.fps,
    ...(startTicks === undefined ? {} : { startTicks }),
  };
}

async function placeOne(
  adapter: HostAdapter,
  job: JobRow,
  dispatch: (action: JobsAction) => void,
  startTicks?: string,
): Promise<bigint | null> {
  dispatch({ type: 'placing', jobId: job.jobId });
  try {
    const clip = await adapter.placeClip(placeRequest(job, startTicks));
    dispatch({ type: 'placed', jobId: job.jobId, clip });
    return BigInt(clip.endTicks);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    dispatch({ type: 'place-failed', jobId: job.jobId, message });
    throw err;
  }
}

export function placeAtPlayhead(
  adapter: HostAdapter,
  job: JobRow,
  dispatch: (a: JobsAction) => void,
): Promise<unknown> {
  return placeOne(adapter, job, dispatch);
}

/**
 * Shots go end to end from the playhead in script order; takes of one shot stack at the same start, so
 * the adapter puts each on the next free track for side-by-side comparison.
 */
export async function placeInScriptOrder(
  adapter: HostAdapter,
  jobs: JobRow[],
  playheadTicks: string,
  dispatch: (action: JobsAction) => void,
): Promise<void> {
  const ordered = [...jobs].sort((a, b) => a.shotId.localeCompare(b.shotId) || a.take - b.take);
  let cursor = BigInt(playheadTicks);
  let index = 0;
  while (index < ordered.length) {
    const shotId = ordered[index]?.shotId;
    let groupEnd = cursor;
    for (; index < ordered.length && ordered[index]?.shotId === shotId; index += 1) {
      const end = await placeOne(adapter, ordered[index] as JobRow, dispatch, cursor.toString());
      if (end !== null && end > groupEnd) groupEnd = end;
    }
    cursor = groupEnd;
  }
}
