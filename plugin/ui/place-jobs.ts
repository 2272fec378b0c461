// Places finished jobs through the host adapter: at the playhead, in script order, in gaps or at markers, or
// as a promoted take over an existing clip.
import type {
  DraftLabels,
  EditMode,
  HostAdapter,
  PlaceClipRequest,
  PlacedClip,
  TimelineClip,
  TrackChoice,
} from '../host/host-adapter';
import { HostError, hostFailure } from '../host/host-adapter';
import type { PlannedShot } from '../host/timeline/placement-plan';
import { framesToTicks } from '../../shared/timecode';
import type { JobRow, JobsAction } from './jobs-state';

/** The placement settings: edit mode, track choice and AI-draft labels (prompt etc. come from the job). */
export interface PlacementSettings {
  edit?: EditMode;
  track?: TrackChoice;
  labels?: Omit<DraftLabels, 'provenance'>;
  /** Where the prompt, seed, backend and model for the clip metadata come from, when known. */
  provenance?: (job: JobRow) => DraftLabels['provenance'];
  /** Scene of a shot, for its take bin Shotline/<scene>/<shot>. */
  sceneOf?: (shotId: string) => string | undefined;
}

export function placeRequest(
  job: JobRow,
  startTicks?: string,
  settings: PlacementSettings = {},
): PlaceClipRequest {
  const output = job.output;
  if (!output) throw new Error(`job ${job.jobId} has no finished clip`);
  const provenance = settings.provenance?.(job);
  const scene = settings.sceneOf?.(job.shotId);
  const labels =
    settings.labels || provenance ? { ...settings.labels, ...(provenance ? { provenance } : {}) } : undefined;
  return {
    path: output.path,
    shotId: job.shotId,
    name: `${job.shotId} take ${job.take}`,
    frames: output.frames,
    fps: output.fps,
    ...(startTicks === undefined ? {} : { startTicks }),
    ...(scene ? { scene } : {}),
    ...(settings.edit ? { edit: settings.edit } : {}),
    ...(settings.track ? { track: settings.track } : {}),
    ...(labels ? { labels } : {}),
  };
}

/**
 * Places one job per planned slot (a gap, a marker) as ONE undo step. Each job's clip must already have
 * the slot's exact frame count: the host places what it is given and never stretches it.
 */
export async function placeInSlots(
  adapter: HostAdapter,
  pairs: readonly { job: JobRow; slot: PlannedShot }[],
  dispatch: (action: JobsAction) => void,
  settings: PlacementSettings = {},
): Promise<PlacedClip[]> {
  for (const { job, slot } of pairs) {
    if (job.output && job.output.frames !== slot.frames) {
      throw new HostError(
        'TAKE_LENGTH_MISMATCH',
        `${job.shotId} take ${job.take} is ${job.output.frames} frames; its slot needs ${slot.frames}.`,
        { shotId: job.shotId, take: job.take, frames: job.output.frames, slot: slot.frames },
      );
    }
  }
  for (const { job } of pairs) dispatch({ type: 'placing', jobId: job.jobId });
  try {
    const placed = await adapter.placeClips(
      pairs.map(({ job, slot }) => placeRequest(job, slot.startTicks, settings)),
    );
    placed.forEach((clip, i) => {
      const job = pairs[i]?.job;
      if (job) dispatch({ type: 'placed', jobId: job.jobId, clip });
    });
    return placed;
  } catch (err) {
    for (const { job } of pairs) dispatch({ type: 'place-failed', jobId: job.jobId, ...hostFailure(err) });
    throw err;
  }
}

/** "Promote take": this job's clip replaces `target` (the placed take or the selected clip) over its range. */
export async function promoteTake(
  adapter: HostAdapter,
  target: TimelineClip,
  job: JobRow,
  dispatch: (action: JobsAction) => void,
  settings: PlacementSettings = {},
): Promise<PlacedClip> {
  dispatch({ type: 'placing', jobId: job.jobId });
  try {
    const clip = await adapter.replaceClip(target, placeRequest(job, target.startTicks, settings));
    dispatch({ type: 'placed', jobId: job.jobId, clip });
    return clip;
  } catch (err) {
    dispatch({ type: 'place-failed', jobId: job.jobId, ...hostFailure(err) });
    throw err;
  }
}

async function placeOne(
  adapter: HostAdapter,
  job: JobRow,
  dispatch: (action: JobsAction) => void,
  startTicks?: string,
  settings: PlacementSettings = {},
): Promise<bigint | null> {
  dispatch({ type: 'placing', jobId: job.jobId });
  try {
    const clip = await adapter.placeClip(placeRequest(job, startTicks, settings));
    dispatch({ type: 'placed', jobId: job.jobId, clip });
    return BigInt(clip.endTicks);
  } catch (err) {
    dispatch({ type: 'place-failed', jobId: job.jobId, ...hostFailure(err) });
    throw err;
  }
}

export function placeAtPlayhead(
  adapter: HostAdapter,
  job: JobRow,
  dispatch: (a: JobsAction) => void,
  settings: PlacementSettings = {},
): Promise<unknown> {
  return placeOne(adapter, job, dispatch, undefined, settings);
}

/**
 * Shots go end to end from `startTicks` in script order; takes of one shot share a start, so the adapter
 * puts each on the next free track for side-by-side comparison. Returns the requests for one batch.
 */
export function scriptOrderRequests(
  jobs: readonly JobRow[],
  startTicks: string,
  settings: PlacementSettings = {},
): { job: JobRow; request: PlaceClipRequest }[] {
  const ordered = [...jobs].sort((a, b) => a.shotId.localeCompare(b.shotId) || a.take - b.take);
  const out: { job: JobRow; request: PlaceClipRequest }[] = [];
  let cursor = BigInt(startTicks);
  let index = 0;
  while (index < ordered.length) {
    const shotId = ordered[index]?.shotId;
    let groupEnd = cursor;
    for (; index < ordered.length && ordered[index]?.shotId === shotId; index += 1) {
      const job = ordered[index] as JobRow;
      const request = placeRequest(job, cursor.toString(), settings);
      const end = cursor + framesToTicks(request.frames, request.fps);
      if (end > groupEnd) groupEnd = end;
      out.push({ job, request });
    }
    cursor = groupEnd;
  }
  return out;
}

/** Places a whole batch (a "Place all") through one placeClips call: one undo entry for all of it. */
export async function placeBatchOfJobs(
  adapter: HostAdapter,
  batch: readonly { job: JobRow; request: PlaceClipRequest }[],
  dispatch: (action: JobsAction) => void,
): Promise<PlacedClip[]> {
  if (batch.length === 0) return [];
  for (const { job } of batch) dispatch({ type: 'placing', jobId: job.jobId });
  try {
    const placed = await adapter.placeClips(batch.map((b) => b.request));
    placed.forEach((clip, i) => {
      const job = batch[i]?.job;
      if (job) dispatch({ type: 'placed', jobId: job.jobId, clip });
    });
    return placed;
  } catch (err) {
    for (const { job } of batch) dispatch({ type: 'place-failed', jobId: job.jobId, ...hostFailure(err) });
    throw err;
  }
}

export async function placeInScriptOrder(
  adapter: HostAdapter,
  jobs: JobRow[],
  playheadTicks: string,
  dispatch: (action: JobsAction) => void,
  settings: PlacementSettings = {},
): Promise<void> {
  await placeBatchOfJobs(adapter, scriptOrderRequests(jobs, playheadTicks, settings), dispatch);
}
