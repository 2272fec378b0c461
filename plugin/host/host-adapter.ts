// What the panel needs from an editing host, as plain data: no host objects cross this line.
import type { FrameRate, FrameSize } from '../../shared/protocol';
import type { TimecodeStyle } from '../../shared/timecode';
export { HostError, hostFailure, type HostErrorCode } from './host-error';

/** Ticks are Premiere ticks (254016000000 per second) as decimal strings, so they survive JSON and React state. */
export type TickString = string;

/** A part of the sequence; a missing end means the sequence's start or end. */
export interface TickRangeQuery {
  inTicks?: TickString;
  outTicks?: TickString;
}

export interface SequenceInfo {
  name: string;
  frameSize: FrameSize;
  frameRate: FrameRate;
  playheadTicks: TickString;
  durationTicks: TickString;
  /** How the host shows this sequence's time: its start timecode and drop-frame or not. */
  timecode: TimecodeStyle;
}

/** A sequence marker as a script line: name/comments are the text, start the placement time. */
export interface MarkerLine {
  name: string;
  comments: string;
  startTicks: TickString;
  /** "0" when the marker is a point; otherwise the clip length the editor asked for. */
  durationTicks: TickString;
  colorIndex?: number;
}

/** One transcript segment of the selected clip, in sequence time. */
export interface TranscriptLine {
  text: string;
  startTicks: TickString;
  endTicks: TickString;
  speaker?: string;
}

/** A hole on one video track; `frames` is how many whole sequence frames fit in it. */
export interface TimelineGap {
  trackIndex: number;
  startTicks: TickString;
  endTicks: TickString;
  frames: number;
}

/** A clip already on the timeline, e.g. the selected one that "replace" targets. */
export interface TimelineClip {
  trackIndex: number;
  name: string;
  mediaPath: string;
  startTicks: TickString;
  endTicks: TickString;
  /** Source (media) time at the clip's head and tail, where the host reports them; the tail is exclusive. */
  sourceInTicks?: TickString;
  sourceOutTicks?: TickString;
}

/** Where a clip goes: the lowest video track free over its range (default), a track by index, or by name. */
export type TrackChoice =
  { kind: 'lowest-free' } | { kind: 'index'; index: number } | { kind: 'named'; name: string };

/** Overwrite lays the clip over a free range; insert ripples later material to make room. */
export type EditMode = 'overwrite' | 'insert';

/** What marks a placed clip as an AI draft. */
export interface DraftLabels {
  /** Project item colour label (Premiere's ProjectItemColorLabel index); omitted leaves the label alone. */
  colorLabel?: number;
  /** Written into the clip's XMP description and log note. */
  provenance?: { prompt: string; seed?: number; backend?: string; model?: string };
  /** Adds a marker carrying the prompt on the placed clip. */
  promptMarker?: boolean;
}

export interface PlaceClipRequest {
  /** Absolute path of a finished clip, as the companion reported it. */
  path: string;
  shotId: string;
  /** Scene id or heading; takes are kept in the bin Shotline/<scene>/<shotId> (Shotline/<shotId> without). */
  scene?: string;
  /** Display name, e.g. "S1-03 take 2"; also names the undo step. */
  name: string;
  /** Where the clip starts on the timeline; the playhead when omitted. */
  startTicks?: TickString;
  /** Clip length from the job output: the host cannot always tell it before placing. */
  frames: number;
  fps: FrameRate;
  edit?: EditMode;
  track?: TrackChoice;
  labels?: DraftLabels;
}

export interface PlacedClip {
  trackIndex: number;
  startTicks: TickString;
  endTicks: TickString;
  projectItemName: string;
  /** Bin path inside the project, e.g. "Shotline/INT. LAB/S1-03". */
  binPath: string;
  /** The undo entry the placement created. */
  undoName: string;
}

/** A take kept in a shot's bin. */
export interface TakeItem {
  name: string;
  mediaPath: string;
  /** The clip's log note (prompt, seed, backend, model) when Shotline wrote one. */
  note?: string;
}

/** An item selected in the host's project (Premiere's Project panel); no media path for a sequence or title. */
export interface ProjectMediaItem {
  name: string;
  mediaPath?: string;
}

export interface HostAdapter {
  /** Which host this is, shown in the panel ("Premiere Pro", "Simulated Premiere"). */
  readonly hostName: string;
  /** The active sequence, or null when the project has none open. */
  getSequenceInfo(): Promise<SequenceInfo | null>;
  /** Imports the clip into its shot bin and places it (one undo step); see placeClips. */
  placeClip(request: PlaceClipRequest): Promise<PlacedClip>;
  /**
   * Places several clips as ONE undo step named after the shots. Overwrites never cover a clip already on
   * the timeline: a busy chosen track is an error, and lowest-free skips busy tracks.
   */
  placeClips(requests: PlaceClipRequest[]): Promise<PlacedClip[]>;
  /**
   * Puts `request`'s clip where `target` is, over the same range, as one undo step: "replace the selected
   * clip" and "promote take". A take longer than the target is refused rather than covering the next clip.
   */
  replaceClip(target: TimelineClip, request: PlaceClipRequest): Promise<PlacedClip>;
  /** Sequence markers whose start lies in the range (all when omitted), in time order. */
  getMarkers(range?: TickRangeQuery): Promise<MarkerLine[]>;
  /** Transcript segments of the selected clip (Transcript.exportToJSON), mapped to sequence time. */
  getSelectedClipTranscript(): Promise<TranscriptLine[]>;
  /** Holes on a video track between in and out (the whole sequence when omitted), in time order. */
  findGaps(trackIndex: number, range?: TickRangeQuery): Promise<TimelineGap[]>;
  /** The selected clips on video tracks, in track then time order. */
  getSelectedClips(): Promise<TimelineClip[]>;
  /** Every clip on one video track, in time order, with its source in and out: the neighbours of a gap. */
  getTrackClips(trackIndex: number): Promise<TimelineClip[]>;
  /**
   * False where the host's API cannot read the clips on a timeline with their source times (After Effects'
   * adapter): the actions that start from a clip's frames (extend, bridge, frame at the playhead) are then off.
   */
  readonly readsTimeline?: false;
  /** The items selected in the project panel, with their media files. Hosts without such an API leave it out. */
  getSelectedProjectItems?(): Promise<ProjectMediaItem[]>;
  /** The takes in a shot's bin, oldest first; empty when the bin does not exist yet. */
  listTakes(shot: { scene?: string; shotId: string }): Promise<TakeItem[]>;
  /**
   * Whether each placed clip is still on the timeline where it was put (an undo in the host takes it away).
   * Hosts that cannot tell leave this out, and the panel keeps what it last saw.
   */
  stillPlaced?(clips: readonly PlacedClip[]): Promise<boolean[]>;
}
