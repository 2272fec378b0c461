// Simulated SequenceEditor: overwrite edits at a time on given tracks; a track index past the last adds tracks.
import type {
  PremiereAction,
  ProjectItemApi,
  SequenceEditorApi,
  TickTimeApi,
} from '../premiere/premiere-api';
import { SimAction } from './actions';
import { mediaLengthTicks } from './media';
import { SimClipItem } from './project-items';
import { SimTickTime } from './tick-time';
import { overwriteClips, SimTrack, type SimSequence } from './timeline';
import type { SimWorld } from './world';

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
    this.world.lock.assertHeld('SequenceEditor.createOverwriteItemAction');
    if (!(projectItem instanceof SimClipItem)) {
      // Premiere wants the raw ProjectItem of a clip; a ClipProjectItem.cast() wrapper or a bin fails.
      throw new TypeError(
        'createOverwriteItemAction expects a clip ProjectItem (not a cast wrapper or a bin).',
      );
    }
    for (const [label, index] of [
      ['videoTrackIndex', videoTrackIndex],
      ['audioTrackIndex', audioTrackIndex],
    ] as const) {
      if (!Number.isInteger(index) || index < 0)
        throw new RangeError(`${label} must be an integer ≥ 0, got ${index}`);
    }
    const start = SimTickTime.of(time);
    return new SimAction(`overwrite ${projectItem.name}`, () => {
      const media = this.world.media.get(projectItem.mediaPath);
      if (!media) throw new Error(`Media offline: ${projectItem.mediaPath}`);
      const end = start + mediaLengthTicks(media);
      const place = (tracks: SimTrack[], index: number) => {
        while (tracks.length <= index) tracks.push(new SimTrack());
        const track = tracks[index] as SimTrack;
        const record = {
          id: this.world.nextId(),
          name: projectItem.name,
          mediaPath: projectItem.mediaPath,
          startTicks: start,
          endTicks: end,
          inTicks: 0n,
        };
        track.clips = overwriteClips(track.clips, record, () => this.world.nextId());
      };
      place(this.sequence.videoTracks, videoTrackIndex);
      if (media.hasAudio) place(this.sequence.audioTracks, audioTrackIndex);
    });
  }
}
