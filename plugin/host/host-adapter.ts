// What the panel needs from an editing host, as plain data: no host objects cross this line.
import type { FrameRate, FrameSize } from '../../shared/protocol';

/** Ticks are Premiere ticks (254016000000 per second) as decimal strings, so they survive JSON and React state. */
export type TickString = string;

export interface SequenceInfo {
  name: string;
  frameSize: FrameSize;
  frameRate: FrameRate;
  playheadTicks: TickString;
  durationTicks: TickString;
}

export interface PlaceClipRequest {
  /** Absolute path of a finished clip, as the companion reported it. */
  path: string;
  shotId: string;
  /** Display name, e.g. "S1-03 take 2"; also names the undo step. */
  name: string;
  /** Where the clip starts on the timeline; the playhead when omitted. */
  startTicks?: TickString;
  /** Clip length from the job output: the host cannot always tell it before placing. */
  frames: number;
  fps: FrameRate;
}

export interface PlacedClip {
  trackIndex: number;
  startTicks: TickString;
  endTicks: TickString;
  projectItemName: string;
  /** Bin path inside the project, e.g. "Shotline". */
  binPath: string;
  /** The undo entry the placement created. */
  undoName: string;
}

export interface HostAdapter {
  /** Which host this is, shown in the panel ("Premiere Pro", "Simulated Premiere"). */
  readonly hostName: string;
  /** The active sequence, or null when the project has none open. */
  getSequenceInfo(): Promise<SequenceInfo | null>;
  /** Imports the clip into the Shotline bin and overwrites it onto the lowest free video track, as one undo step. */
  placeClip(request: PlaceClipRequest): Promise<PlacedClip>;
}

/** A failure the panel can show as is: the message is a sentence for people. */
export class HostError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HostError';
  }
}
