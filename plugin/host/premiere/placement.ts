// Chooses the lowest track free over a range and overwrites a clip there as one named undo step.
import { HostError } from '../host-adapter';
import type { PremiereApi, ProjectApi, ProjectItemApi, SequenceApi, TrackApi } from './premiere-api';

interface TickRange {
  start: bigint;
  end: bigint;
}

async function trackIsFree(api: PremiereApi, track: TrackApi, range: TickRange): Promise<boolean> {
  const clips = track.getTrackItems(api.Constants.TrackItemType.CLIP, false);
  for (const clip of clips) {
    const start = BigInt((await clip.getStartTime()).ticks);
    const end = BigInt((await clip.getEndTime()).ticks);
    if (start < range.end && end > range.start) return false;
  }
  return true;
}

/** The lowest track index with nothing over the range; the track count (a new track) when all are busy. */
export async function lowestFreeTrack(
  api: PremiereApi,
  sequence: SequenceApi,
  kind: 'video' | 'audio',
  range: TickRange,
): Promise<number> {
  const count = kind === 'video' ? await sequence.getVideoTrackCount() : await sequence.getAudioTrackCount();
  for (let index = 0; index < count; index += 1) {
    const track =
      kind === 'video' ? await sequence.getVideoTrack(index) : await sequence.getAudioTrack(index);
    if (await trackIsFree(api, track, range)) return index;
  }
  return count;
}

export interface OverwriteRequest {
  item: ProjectItemApi;
  start: bigint;
  videoTrackIndex: number;
  audioTrackIndex: number;
  undoName: string;
}

export function overwriteAsOneUndoStep(
  api: PremiereApi,
  project: ProjectApi,
  sequence: SequenceApi,
  request: OverwriteRequest,
): void {
  const editor = api.SequenceEditor.getEditor(sequence);
  const time = api.TickTime.createWithTicks(request.start.toString());
  let committed = false;
  // Premiere 26.3+ rejects Actions created outside lockedAccess; the callback must stay synchronous.
  project.lockedAccess(() => {
    const action = editor.createOverwriteItemAction(
      request.item,
      time,
      request.videoTrackIndex,
      request.audioTrackIndex,
    );
    committed = project.executeTransaction((compound) => compound.addAction(action), request.undoName);
  });
  if (!committed) {
    throw new HostError(
      `Premiere refused to place "${request.item.name}" on video track ${request.videoTrackIndex + 1}.`,
    );
  }
}

/** Reads back where the clip landed, so the panel reports the host's numbers rather than its own guess. */
export async function findPlacedRange(
  api: PremiereApi,
  sequence: SequenceApi,
  trackIndex: number,
  start: bigint,
): Promise<TickRange | undefined> {
  const track = await sequence.getVideoTrack(trackIndex);
  for (const clip of track.getTrackItems(api.Constants.TrackItemType.CLIP, false)) {
    const clipStart = BigInt((await clip.getStartTime()).ticks);
    if (clipStart === start) return { start: clipStart, end: BigInt((await clip.getEndTime()).ticks) };
  }
  return undefined;
}
