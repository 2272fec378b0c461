// Places a batch of clips as one undo step: bins, imports, tracks, labels, then one transaction and a read-back.
import { TICKS_PER_SECOND } from '../../../shared/timecode';
import {
  HostError,
  type EditMode,
  type PlaceClipRequest,
  type PlacedClip,
  type TimelineClip,
} from '../host-adapter';
import { prepareLabelActions } from './labels';
import {
  chooseVideoTrack,
  clipSpans,
  findPlacedRange,
  lowestFreeTrack,
  PlannedRanges,
  runAsOneUndoStep,
  type EditRequest,
} from './placement';
import type { TickSpan } from '../timeline/gaps';
import type { PremiereApi, ProjectApi, ProjectItemApi, SequenceApi } from './premiere-api';
import { ensureBinPaths, importIntoBin, takeBinPath, type RetryOptions } from './shotline-bin';

export interface BatchContext {
  api: PremiereApi;
  project: ProjectApi;
  sequence: SequenceApi;
  retry: RetryOptions;
  beforeImport?: (request: PlaceClipRequest) => void;
}

/** Clip length in ticks from frames at the clip's own rate (floor: exact for every whole-tick rate). */
export function clipLengthTicks(request: PlaceClipRequest): bigint {
  if (!Number.isInteger(request.frames) || request.frames < 1) {
    throw new HostError(
      'CLIP_NO_FRAMES',
      `"${request.name}" has ${request.frames} frames; a clip needs at least one.`,
      { name: request.name, frames: request.frames },
    );
  }
  return (BigInt(request.frames) * TICKS_PER_SECOND * BigInt(request.fps.den)) / BigInt(request.fps.num);
}

/** "Shotline: place S1-01, S1-02 and 3 more": names the shots without an unreadable Edit menu entry. */
export function undoNameFor(verb: string, names: readonly string[]): string {
  const unique = [...new Set(names)];
  const shown = unique.slice(0, 3).join(', ');
  return `Shotline: ${verb} ${unique.length > 3 ? `${shown} and ${unique.length - 3} more` : shown}`;
}

interface Prepared {
  request: PlaceClipRequest;
  edit: EditRequest;
  length: bigint;
  binPath: string;
  itemName: string;
}

async function prepare(
  ctx: BatchContext,
  request: PlaceClipRequest,
  start: bigint,
  planned: PlannedRanges,
  edit: EditMode,
  bins: ReadonlyMap<string, ProjectItemApi>,
  target?: TimelineClip,
): Promise<Prepared> {
  const { api, project, sequence } = ctx;
  const length = clipLengthTicks(request);
  const range = { start, end: start + length };
  ctx.beforeImport?.(request);
  const path = takeBinPath(request);
  const bin = bins.get(path.join('/'));
  if (!bin)
    throw new HostError('BIN_MISSING', `The bin "${path.join('/')}" is missing.`, { bin: path.join('/') });
  const item = await importIntoBin(api, project, bin, request.path, ctx.retry);
  const videoTrackIndex = target
    ? target.trackIndex
    : await chooseVideoTrack(api, sequence, request.track ?? { kind: 'lowest-free' }, edit, range, planned);
  // Only an insert is documented to create a track; onto a new track it moves nothing, so an overwrite
  // past the last track becomes an insert there, with its audio on a new track as well.
  const newTrack = videoTrackIndex >= (await sequence.getVideoTrackCount());
  const audioTrackIndex = newTrack
    ? await firstNewTrack(sequence, range, planned)
    : await lowestFreeTrack(api, sequence, 'audio', range, planned);
  planned.claim('video', videoTrackIndex, range);
  planned.claim('audio', audioTrackIndex, range);
  const extras = await prepareLabelActions(api, item, request.labels, length);
  return {
    request,
    length,
    binPath: path.join('/'),
    itemName: item.name,
    edit: { item, start, videoTrackIndex, audioTrackIndex, edit, extras, newTrack },
  };
}

async function firstNewTrack(
  sequence: SequenceApi,
  range: TickSpan,
  planned: PlannedRanges,
): Promise<number> {
  let index = await sequence.getAudioTrackCount();
  while (planned.busy('audio', index, range)) index += 1;
  return index;
}

/** Where each clip sits after the whole batch: inserts at or before a clip's start push it later. */
function finalStarts(batch: readonly Prepared[]): bigint[] {
  return batch.map((p, i) => {
    if (p.edit.edit !== 'insert') return p.edit.start;
    let start = p.edit.start;
    batch.forEach((other, j) => {
      const earlier = other.edit.start < p.edit.start || (other.edit.start === p.edit.start && j < i);
      if (j !== i && earlier) start += other.length;
    });
    return start;
  });
}

export async function placeBatch(
  ctx: BatchContext,
  requests: readonly PlaceClipRequest[],
  options: { verb?: string; target?: TimelineClip } = {},
): Promise<PlacedClip[]> {
  if (requests.length === 0) return [];
  const edit = requests[0]?.edit ?? 'overwrite';
  if (requests.some((r) => (r.edit ?? 'overwrite') !== edit)) {
    throw new HostError(
      'MIXED_EDIT_MODES',
      'Place inserts and overwrites separately: one batch uses one edit mode.',
    );
  }
  const playhead = BigInt((await ctx.sequence.getPlayerPosition()).ticks);
  const planned = new PlannedRanges();
  const undoName = undoNameFor(
    options.verb ?? 'place',
    requests.map((r) => r.name),
  );
  const binsUndoName = undoNameFor(
    'make bins for',
    requests.map((r) => r.name),
  );
  const bins = await ensureBinPaths(ctx.api, ctx.project, requests.map(takeBinPath), ctx.retry, binsUndoName);
  const batch: Prepared[] = [];
  for (const request of requests) {
    const start = options.target ? BigInt(options.target.startTicks) : BigInt(request.startTicks ?? playhead);
    batch.push(await prepare(ctx, request, start, planned, edit, bins, options.target));
  }
  // Inserts run latest first, so each start still means the time the user picked on the untouched timeline.
  const order = edit === 'insert' ? [...batch].sort((a, b) => (a.edit.start > b.edit.start ? -1 : 1)) : batch;
  runAsOneUndoStep(
    ctx.api,
    ctx.project,
    ctx.sequence,
    order.map((p) => p.edit),
    undoName,
  );

  const starts = finalStarts(batch);
  const placed: PlacedClip[] = [];
  const missing: string[] = [];
  for (const [i, p] of batch.entries()) {
    const start = starts[i] ?? p.edit.start;
    // Reported only as the host shows it: a clip that cannot be read back was not placed, whatever the
    // transaction returned.
    const span = await findPlacedRange(ctx.api, ctx.sequence, p.edit.videoTrackIndex, start);
    if (!span) {
      // Track labels as Premiere shows them (V1, V2) read the same in every language.
      missing.push(`"${p.request.name}" (V${p.edit.videoTrackIndex + 1})`);
      continue;
    }
    placed.push({
      trackIndex: p.edit.videoTrackIndex,
      startTicks: span.start.toString(),
      endTicks: span.end.toString(),
      projectItemName: p.itemName,
      binPath: p.binPath,
      undoName,
    });
  }
  if (missing.length > 0) {
    throw new HostError(
      'CLIPS_NOT_ON_TIMELINE',
      `Premiere did not put ${missing.join(', ')} on the timeline; undo "${undoName}" and place again.`,
      { names: missing.join(', '), undo: undoName },
    );
  }
  return placed;
}

/** Checks that `target` is still where the panel saw it, and that the new clip fits its range exactly. */
export async function checkReplaceTarget(
  ctx: BatchContext,
  target: TimelineClip,
  request: PlaceClipRequest,
): Promise<void> {
  const count = await ctx.sequence.getVideoTrackCount();
  const spans =
    target.trackIndex < count
      ? await clipSpans(ctx.api, await ctx.sequence.getVideoTrack(target.trackIndex))
      : [];
  const start = BigInt(target.startTicks);
  const end = BigInt(target.endTicks);
  if (!spans.some((s) => s.start === start && s.end === end)) {
    throw new HostError(
      'TARGET_MOVED',
      `"${target.name}" is no longer where it was on video track ${target.trackIndex + 1}; select it again.`,
      { name: target.name, track: target.trackIndex + 1 },
    );
  }
  const length = clipLengthTicks(request);
  if (length !== end - start) {
    // Longer would cover the next clip; shorter would leave a sliver of the old one. Neither is a replace.
    throw new HostError(
      'REPLACE_LENGTH_MISMATCH',
      `"${request.name}" is ${request.frames} frames but "${target.name}" needs exactly its own length; generate the take at that length.`,
      { name: request.name, frames: request.frames, target: target.name },
    );
  }
}
