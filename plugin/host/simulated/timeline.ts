// Simulated sequences and tracks: clips as tick ranges, and overwrite edits that trim or split what they cover.
import type { Constants } from '@adobe/premierepro';
import type { FrameSize } from '../../../shared/protocol';
import type {
  ProjectItemApi,
  RectApi,
  SequenceApi,
  TickTimeApi,
  TrackApi,
  TrackItemApi,
} from '../premiere/premiere-api';
import { SimTickTime } from './tick-time';

/** Constants.TrackItemType.CLIP in Premiere (EMPTY 0, CLIP 1, TRANSITION 2, …). */
export const SIM_TRACK_ITEM_CLIP = 1 as Constants.TrackItemType;

/** One clip on a track; immutable, so undo snapshots can share records. */
export interface SimClipRecord {
  readonly id: number;
  readonly name: string;
  readonly mediaPath: string;
  readonly startTicks: bigint;
  readonly endTicks: bigint;
  /** Source in-point: grows when an overwrite trims the clip's head. */
  readonly inTicks: bigint;
  readonly selected?: boolean;
}

/** Finds the project item behind a clip's media path (every clip on a simulated track has one). */
export type SimItemResolver = (mediaPath: string) => ProjectItemApi;

const byStart = (a: SimClipRecord, b: SimClipRecord) =>
  a.startTicks < b.startTicks ? -1 : a.startTicks > b.startTicks ? 1 : 0;

/**
 * Lays `incoming` over a track: clips fully covered go, clips overlapping one edge are trimmed, a clip
 * spanning the whole range is split in two. Returns the new, sorted clip list.
 */
export function overwriteClips(
  clips: readonly SimClipRecord[],
  incoming: SimClipRecord,
  nextId: () => number,
): SimClipRecord[] {
  const { startTicks: start, endTicks: end } = incoming;
  const kept: SimClipRecord[] = [];
  for (const clip of clips) {
    if (clip.endTicks <= start || clip.startTicks >= end) {
      kept.push(clip);
      continue;
    }
    if (clip.startTicks < start) kept.push({ ...clip, endTicks: start });
    if (clip.endTicks > end) {
      const head = clip.startTicks < start;
      kept.push({
        ...clip,
        id: head ? nextId() : clip.id,
        startTicks: end,
        inTicks: clip.inTicks + (end - clip.startTicks),
      });
    }
  }
  kept.push(incoming);
  return kept.sort(byStart);
}

/**
 * Ripple insert: everything at or after `at` moves later by `length`; a clip spanning `at` is split and its
 * tail moves with the rest. Returns the new, sorted clip list (without the inserted clip).
 */
export function rippleClips(
  clips: readonly SimClipRecord[],
  at: bigint,
  length: bigint,
  nextId: () => number,
): SimClipRecord[] {
  const result: SimClipRecord[] = [];
  for (const clip of clips) {
    if (clip.endTicks <= at) result.push(clip);
    else if (clip.startTicks >= at)
      result.push({ ...clip, startTicks: clip.startTicks + length, endTicks: clip.endTicks + length });
    else {
      result.push({ ...clip, endTicks: at });
      result.push({
        ...clip,
        id: nextId(),
        startTicks: at + length,
        endTicks: clip.endTicks + length,
        inTicks: clip.inTicks + (at - clip.startTicks),
      });
    }
  }
  return result.sort(byStart);
}

class SimTrackItem implements TrackItemApi {
  constructor(
    private readonly record: SimClipRecord,
    private readonly resolve: SimItemResolver,
  ) {}

  async getInPoint(): Promise<TickTimeApi> {
    return new SimTickTime(this.record.inTicks);
  }

  async getOutPoint(): Promise<TickTimeApi> {
    // No speed changes in the stand-in: the source runs as long as the clip does.
    return new SimTickTime(this.record.inTicks + (this.record.endTicks - this.record.startTicks));
  }

  async getIsSelected(): Promise<boolean> {
    return this.record.selected === true;
  }

  async getProjectItem(): Promise<ProjectItemApi> {
    return this.resolve(this.record.mediaPath);
  }

  async getStartTime(): Promise<TickTimeApi> {
    return new SimTickTime(this.record.startTicks);
  }

  async getEndTime(): Promise<TickTimeApi> {
    return new SimTickTime(this.record.endTicks);
  }

  async getName(): Promise<string> {
    return this.record.name;
  }
}

export class SimTrack implements TrackApi {
  clips: SimClipRecord[] = [];

  constructor(
    readonly name: string,
    private readonly resolve: SimItemResolver,
  ) {}

  getTrackItems(trackItemType: Constants.TrackItemType, _includeEmptyTrackItems: boolean): TrackItemApi[] {
    if (trackItemType !== SIM_TRACK_ITEM_CLIP) return [];
    return this.clips.map((record) => new SimTrackItem(record, this.resolve));
  }
}

export interface SimSequenceSpec {
  name: string;
  frameSize: FrameSize;
  /** Ticks per frame, as Premiere's getTimebase() reports it (a decimal string there). */
  timebaseTicks: bigint;
  videoTracks: number;
  audioTracks: number;
  playheadTicks: bigint;
  /** Ticks at the sequence's start timecode, as getZeroPoint() reports them. */
  zeroPointTicks: bigint;
  /** Premiere's video display code, as getVideoDisplayFormat().type reports it. */
  videoDisplayFormat: number;
  resolveItem: SimItemResolver;
}

export class SimSequence implements SequenceApi {
  readonly name: string;
  readonly frameSize: FrameSize;
  readonly timebaseTicks: bigint;
  readonly zeroPointTicks: bigint;
  readonly videoDisplayFormat: number;
  playheadTicks: bigint;
  videoTracks: SimTrack[];
  audioTracks: SimTrack[];
  private readonly resolveItem: SimItemResolver;

  constructor(spec: SimSequenceSpec) {
    this.name = spec.name;
    this.frameSize = { ...spec.frameSize };
    this.timebaseTicks = spec.timebaseTicks;
    this.zeroPointTicks = spec.zeroPointTicks;
    this.videoDisplayFormat = spec.videoDisplayFormat;
    this.playheadTicks = spec.playheadTicks;
    this.resolveItem = spec.resolveItem;
    this.videoTracks = [];
    this.audioTracks = [];
    for (let i = 0; i < spec.videoTracks; i += 1) this.addTrack('video');
    for (let i = 0; i < spec.audioTracks; i += 1) this.addTrack('audio');
  }

  /** Appends an empty track named like Premiere's defaults ("Video 2", "Audio 1"). */
  addTrack(kind: 'video' | 'audio'): SimTrack {
    const tracks = kind === 'video' ? this.videoTracks : this.audioTracks;
    const track = new SimTrack(
      `${kind === 'video' ? 'Video' : 'Audio'} ${tracks.length + 1}`,
      this.resolveItem,
    );
    tracks.push(track);
    return track;
  }

  async getPlayerPosition(): Promise<TickTimeApi> {
    return new SimTickTime(this.playheadTicks);
  }

  async getEndTime(): Promise<TickTimeApi> {
    const ends = [...this.videoTracks, ...this.audioTracks].flatMap((t) => t.clips.map((c) => c.endTicks));
    return new SimTickTime(ends.reduce((max, e) => (e > max ? e : max), 0n));
  }

  async getFrameSize(): Promise<RectApi> {
    return { width: this.frameSize.width, height: this.frameSize.height };
  }

  async getTimebase(): Promise<string> {
    return this.timebaseTicks.toString();
  }

  async getZeroPoint(): Promise<TickTimeApi> {
    return new SimTickTime(this.zeroPointTicks);
  }

  async getVideoDisplayFormat(): Promise<{ type: number }> {
    return { type: this.videoDisplayFormat };
  }

  async getVideoTrackCount(): Promise<number> {
    return this.videoTracks.length;
  }

  async getAudioTrackCount(): Promise<number> {
    return this.audioTracks.length;
  }

  async getVideoTrack(trackIndex: number): Promise<TrackApi> {
    return trackAt(this.videoTracks, trackIndex, 'video');
  }

  async getAudioTrack(trackIndex: number): Promise<TrackApi> {
    return trackAt(this.audioTracks, trackIndex, 'audio');
  }

  /** Restores the tracks as they are now; undo entries hold these. */
  captureTracks(): () => void {
    const video = this.videoTracks.map((t) => [t, [...t.clips]] as const);
    const audio = this.audioTracks.map((t) => [t, [...t.clips]] as const);
    return () => {
      this.videoTracks = video.map(([track, clips]) => Object.assign(track, { clips: [...clips] }));
      this.audioTracks = audio.map(([track, clips]) => Object.assign(track, { clips: [...clips] }));
    };
  }
}

function trackAt(tracks: SimTrack[], index: number, kind: string): SimTrack {
  const track = Number.isInteger(index) ? tracks[index] : undefined;
  if (!track) throw new RangeError(`Sequence has no ${kind} track ${index} (it has ${tracks.length}).`);
  return track;
}
