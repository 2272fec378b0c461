// Picks tracks for clips without covering anyone's work, and runs a batch of edits as one named undo step.
import { HostError, type EditMode, type TrackChoice } from '../host-adapter';
import { overlaps, type TickSpan } from '../timeline/gaps';
import type {
  PremiereAction,
  PremiereApi,
  ProjectApi,
  ProjectItemApi,
  SequenceApi,
  TrackApi,
} from './premiere-api';

export async function clipSpans(api: PremiereApi, track: TrackApi): Promise<TickSpan[]> {
  const spans: TickSpan[] = [];
  for (const clip of track.getTrackItems(api.Constants.TrackItemType.CLIP, false)) {
    spans.push({
      start: BigInt((await clip.getStartTime()).ticks),
      end: BigInt((await clip.getEndTime()).ticks),
    });
  }
  return spans;
}

/** Ranges this batch already claimed, per kind and track index, so two clips of one batch never collide. */
export class PlannedRanges {
  private readonly byTrack = new Map<string, TickSpan[]>();

  claim(kind: 'video' | 'audio', index: number, range: TickSpan): void {
    const key = `${kind}${index}`;
    this.byTrack.set(key, [...(this.byTrack.get(key) ?? []), range]);
  }

  busy(kind: 'video' | 'audio', index: number, range: TickSpan): boolean {
    return (this.byTrack.get(`${kind}${index}`) ?? []).some((span) => overlaps(span, range));
  }
}

async function trackIsFree(
  api: PremiereApi,
  sequence: SequenceApi,
  kind: 'video' | 'audio',
  index: number,
  range: TickSpan,
  planned: PlannedRanges,
): Promise<boolean> {
  if (planned.busy(kind, index, range)) return false;
  const track = kind === 'video' ? await sequence.getVideoTrack(index) : await sequence.getAudioTrack(index);
  return !(await clipSpans(api, track)).some((span) => overlaps(span, range));
}

/** The lowest track index with nothing over the range; the track count (a new track) when all are busy. */
export async function lowestFreeTrack(
  api: PremiereApi,
  sequence: SequenceApi,
  kind: 'video' | 'audio',
  range: TickSpan,
  planned: PlannedRanges = new PlannedRanges(),
): Promise<number> {
  const count = kind === 'video' ? await sequence.getVideoTrackCount() : await sequence.getAudioTrackCount();
  for (let index = 0; index < count; index += 1) {
    if (await trackIsFree(api, sequence, kind, index, range, planned)) return index;
  }
  // Past the last track: the placement creates it with an insert (see place-batch); planned ones are taken.
  let index = count;
  while (planned.busy(kind, index, range)) index += 1;
  return index;
}

async function trackIndexByName(sequence: SequenceApi, name: string): Promise<number> {
  const count = await sequence.getVideoTrackCount();
  const names: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const trackName = (await sequence.getVideoTrack(index)).name;
    if (trackName === name) return index;
    names.push(`"${trackName}"`);
  }
  throw new HostError(
    'TRACK_NAME_UNKNOWN',
    `The sequence has no video track named "${name}" (it has ${names.join(', ') || 'none'}).`,
    { name, tracks: names.join(', '), count: names.length },
  );
}

/**
 * The video track for a clip. A track the user named is used only when it is free over the range: an
 * overwrite there would destroy their clip (inserts push material aside, so they may go anywhere).
 */
export async function chooseVideoTrack(
  api: PremiereApi,
  sequence: SequenceApi,
  choice: TrackChoice,
  edit: EditMode,
  range: TickSpan,
  planned: PlannedRanges,
): Promise<number> {
  if (choice.kind === 'lowest-free') return lowestFreeTrack(api, sequence, 'video', range, planned);
  const index = choice.kind === 'index' ? choice.index : await trackIndexByName(sequence, choice.name);
  if (!Number.isInteger(index) || index < 0)
    throw new HostError('TRACK_MISSING', `Video track ${index} does not exist.`, { track: index });
  const count = await sequence.getVideoTrackCount();
  if (
    edit === 'overwrite' &&
    index < count &&
    !(await trackIsFree(api, sequence, 'video', index, range, planned))
  ) {
    throw new HostError(
      'TRACK_OCCUPIED',
      `Video track ${index + 1} already has a clip over that range; pick another track or use replace.`,
      { track: index + 1 },
    );
  }
  return index;
}

export interface EditRequest {
  item: ProjectItemApi;
  start: bigint;
  videoTrackIndex: number;
  audioTrackIndex: number;
  edit: EditMode;
  /** Past the last track: placed by an insert that only shifts its (new, empty) target tracks. */
  newTrack?: boolean;
  /** More actions for the same undo step (labels, metadata, markers); created inside the lock. */
  extras: () => PremiereAction[];
}

/** Every edit and its extras in one transaction, so one Undo takes the whole placement back. */
export function runAsOneUndoStep(
  api: PremiereApi,
  project: ProjectApi,
  sequence: SequenceApi,
  edits: readonly EditRequest[],
  undoName: string,
): void {
  const editor = api.SequenceEditor.getEditor(sequence);
  let committed = false;
  // Premiere 26.3+ rejects Actions created outside lockedAccess; the callback must stay synchronous.
  project.lockedAccess(() => {
    const actions: PremiereAction[] = [];
    for (const e of edits) {
      const time = api.TickTime.createWithTicks(e.start.toString());
      actions.push(
        e.edit === 'insert' || e.newTrack
          ? editor.createInsertProjectItemAction(
              e.item,
              time,
              e.videoTrackIndex,
              e.audioTrackIndex,
              e.newTrack === true && e.edit !== 'insert',
            )
          : editor.createOverwriteItemAction(e.item, time, e.videoTrackIndex, e.audioTrackIndex),
        ...e.extras(),
      );
    }
    committed = project.executeTransaction((compound) => {
      for (const action of actions) compound.addAction(action);
    }, undoName);
  });
  if (!committed) {
    const first = edits[0];
    const where = first ? ` on video track ${first.videoTrackIndex + 1}` : '';
    throw new HostError(
      'EDIT_REFUSED',
      `Premiere refused the edit "${undoName}"${where}; nothing was changed.`,
      {
        undo: undoName,
        ...(first && { track: first.videoTrackIndex + 1, case: 'onTrack' }),
      },
    );
  }
}

/** Reads back where a clip landed, so the panel reports the host's numbers rather than its own guess. */
export async function findPlacedRange(
  api: PremiereApi,
  sequence: SequenceApi,
  trackIndex: number,
  start: bigint,
): Promise<TickSpan | undefined> {
  if (trackIndex >= (await sequence.getVideoTrackCount())) return undefined;
  const track = await sequence.getVideoTrack(trackIndex);
  return (await clipSpans(api, track)).find((span) => span.start === start);
}
