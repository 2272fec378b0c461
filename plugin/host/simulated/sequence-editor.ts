// Simulated SequenceEditor: overwrite and ripple-insert edits. Adobe documents track creation for the
// insert only ("If you pass a track index greater than the number of existing tracks, a new track will be
// created"), so here an overwrite past the last track lands nowhere and only a read-back can tell.
import type {
  PremiereAction,
  ProjectItemApi,
  SequenceEditorApi,
  TickTimeApi,
} from '../premiere/premiere-api';
import { SimAction } from './actions';
import { mediaLengthTicks, type SimMediaInfo } from './media';
import { SimClipItem } from './project-items';
import { SimTickTime } from './tick-time';
import { overwriteClips, rippleClips, type SimClipRecord, type SimSequence, type SimTrack } from './timeline';
import type { SimWorld } from './world';

type Edit = 'overwrite' | 'insert';

export class SimSequenceEditor implements SequenceEditorApi {
  constructor(
    private readonly world: SimWorld,
    private readonly sequence: SimSequence,
  ) {}

  createOverwriteItemAction(
    projectItem: ProjectItemApi,
    time: TickTimeApi,
    videoTrackIndex: number,
    audioTrackIndex: number,
  ): PremiereAction {
    return this.createEdit('overwrite', 'createOverwriteItemAction', projectItem, time, [
      videoTrackIndex,
      audioTrackIndex,
    ]);
  }

  /**
   * Ripple insert. With limitShift only the target tracks move; otherwise every track shifts, keeping
   * sync (our reading of the parameter: Premiere documents only its name).
   */
  createInsertProjectItemAction(
    projectItem: ProjectItemApi,
    time: TickTimeApi,
    videoTrackIndex: number,
    audioTrackIndex: number,
    limitShift: boolean,
  ): PremiereAction {
    return this.createEdit(
      'insert',
      'createInsertProjectItemAction',
      projectItem,
      time,
      [videoTrackIndex, audioTrackIndex],
      limitShift,
    );
  }

  private createEdit(
    edit: Edit,
    creator: string,
    projectItem: ProjectItemApi,
    time: TickTimeApi,
    [videoTrackIndex, audioTrackIndex]: [number, number],
    limitShift = false,
  ): PremiereAction {
    this.world.lock.assertHeld(`SequenceEditor.${creator}`);
    if (!(projectItem instanceof SimClipItem)) {
      // Premiere wants the raw ProjectItem of a clip; a ClipProjectItem.cast() wrapper or a bin fails.
      throw new TypeError(`${creator} expects a clip ProjectItem (not a cast wrapper or a bin).`);
    }
    for (const [label, index] of [
      ['videoTrackIndex', videoTrackIndex],
      ['audioTrackIndex', audioTrackIndex],
    ] as const) {
      if (!Number.isInteger(index) || index < 0)
        throw new RangeError(`${label} must be an integer ≥ 0, got ${index}`);
    }
    const start = SimTickTime.of(time);
    return new SimAction(`${edit} ${projectItem.name}`, () => {
      const media = this.world.media.get(projectItem.mediaPath);
      if (!media) throw new Error(`Media offline: ${projectItem.mediaPath}`);
      const record: SimClipRecord = {
        id: this.world.nextId(),
        name: projectItem.name,
        mediaPath: projectItem.mediaPath,
        startTicks: start,
        endTicks: start + mediaLengthTicks(media),
        inTicks: 0n,
      };
      this.apply(edit, record, media, videoTrackIndex, audioTrackIndex, limitShift);
    });
  }

  private apply(
    edit: Edit,
    record: SimClipRecord,
    media: SimMediaInfo,
    videoTrackIndex: number,
    audioTrackIndex: number,
    limitShift: boolean,
  ): void {
    const nextId = () => this.world.nextId();
    const length = record.endTicks - record.startTicks;
    const trackAt = (kind: 'video' | 'audio', index: number): SimTrack | undefined => {
      const tracks = kind === 'video' ? this.sequence.videoTracks : this.sequence.audioTracks;
      if (edit === 'insert' && index >= tracks.length) {
        this.sequence.addTrack(kind);
        return tracks[tracks.length - 1];
      }
      return tracks[index];
    };
    const wanted = [trackAt('video', videoTrackIndex)];
    if (media.hasAudio) wanted.push(trackAt('audio', audioTrackIndex));
    const targets = wanted.filter((track): track is SimTrack => track !== undefined);
    if (targets.length !== wanted.length) return;
    if (edit === 'insert') {
      const shifted = limitShift ? targets : [...this.sequence.videoTracks, ...this.sequence.audioTracks];
      for (const track of shifted) track.clips = rippleClips(track.clips, record.startTicks, length, nextId);
    }
    for (const track of targets) {
      track.clips = overwriteClips(track.clips, { ...record, id: nextId() }, nextId);
    }
  }
}
