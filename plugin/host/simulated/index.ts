// An in-memory Premiere for tests and the browser harness, shaped like the `premierepro` module it stands in for.
import type { FrameRate, FrameSize } from '../../../shared/protocol';
import { ticksPerFrame } from '../../../shared/timecode';
import type {
  ClipProjectItemApi,
  FolderItemApi,
  PremiereApi,
  ProjectItemApi,
} from '../premiere/premiere-api';
import type { SimMediaInfo } from './media';
import { SIM_ITEM_TYPE, SimBinItem, SimClipItem, SimClipView } from './project-items';
import { SimProject } from './project';
import { SimSequenceEditor } from './sequence-editor';
import { SimTickTime } from './tick-time';
import { SIM_TRACK_ITEM_CLIP, SimSequence } from './timeline';
import { SimWorld, type SimOptions } from './world';

export type { SimMediaInfo } from './media';
export type { SimOptions } from './world';

export interface AddSequenceOptions {
  name: string;
  frameSize: FrameSize;
  frameRate: FrameRate;
  videoTracks?: number;
  audioTracks?: number;
  playheadTicks?: bigint;
}

/** Plain-data picture of the simulated project, for assertions and the harness's live view. */
export interface SimSnapshot {
  sequence: { name: string; frameSize: FrameSize; timebaseTicks: string; playheadTicks: string } | null;
  videoTracks: SimClipSnapshot[][];
  audioTracks: SimClipSnapshot[][];
  bins: { path: string; items: { name: string; mediaPath: string }[] }[];
  undoStack: string[];
}

export interface SimClipSnapshot {
  name: string;
  mediaPath: string;
  startTicks: string;
  endTicks: string;
}

export class SimulatedPremiere {
  readonly api: PremiereApi;
  readonly project: SimProject;
  private readonly world: SimWorld;

  constructor(options: SimOptions = {}) {
    this.world = new SimWorld(options);
    this.project = new SimProject(this.world, 'Simulated Project');
    this.api = this.createModule();
  }

  /** Adds a sequence and makes it the active one. */
  addSequence(options: AddSequenceOptions): SimSequence {
    const sequence = new SimSequence({
      name: options.name,
      frameSize: options.frameSize,
      timebaseTicks: ticksPerFrame(options.frameRate),
      videoTracks: options.videoTracks ?? 3,
      audioTracks: options.audioTracks ?? 3,
      playheadTicks: options.playheadTicks ?? 0n,
    });
    this.project.sequences.push(sequence);
    this.project.activeSequence = sequence;
    this.world.changed();
    return sequence;
  }

  /** Declares a file's length: the simulated host cannot read media, and refuses to import unknown paths. */
  registerMedia(path: string, info: SimMediaInfo): void {
    this.world.media.register(path, info);
  }

  setPlayhead(ticks: bigint): void {
    const sequence = this.requireSequence();
    sequence.playheadTicks = ticks;
    this.world.changed();
  }

  /** Puts a clip straight onto a track (test setup, not an undo step). */
  addClip(trackIndex: number, clip: { name: string; startTicks: bigint; endTicks: bigint }): void {
    const track = this.requireSequence().videoTracks[trackIndex];
    if (!track) throw new RangeError(`no video track ${trackIndex}`);
    const record = { ...clip, id: this.world.nextId(), mediaPath: `/sim/${clip.name}`, inTicks: 0n };
    track.clips = [...track.clips, record].sort((a, b) => (a.startTicks < b.startTicks ? -1 : 1));
    this.world.changed();
  }

  /** Undoes the newest transaction; returns its name, or undefined when there is nothing to undo. */
  undo(): string | undefined {
    const entry = this.world.undoStack.pop();
    if (!entry) return undefined;
    entry.restore();
    this.world.changed();
    return entry.name;
  }

  subscribe(listener: () => void): () => void {
    return this.world.subscribe(listener);
  }

  snapshot(): SimSnapshot {
    const sequence = this.project.activeSequence;
    const clips = (tracks: SimSequence['videoTracks']) =>
      tracks.map((track) =>
        track.clips.map((c) => ({
          name: c.name,
          mediaPath: c.mediaPath,
          startTicks: c.startTicks.toString(),
          endTicks: c.endTicks.toString(),
        })),
      );
    return {
      sequence: sequence && {
        name: sequence.name,
        frameSize: { ...sequence.frameSize },
        timebaseTicks: sequence.timebaseTicks.toString(),
        playheadTicks: sequence.playheadTicks.toString(),
      },
      videoTracks: sequence ? clips(sequence.videoTracks) : [],
      audioTracks: sequence ? clips(sequence.audioTracks) : [],
      bins: listBins(this.project.root, ''),
      undoStack: this.world.undoStack.map((entry) => entry.name),
    };
  }

  private requireSequence(): SimSequence {
    const sequence = this.project.activeSequence;
    if (!sequence) throw new Error('the simulated project has no active sequence; call addSequence first');
    return sequence;
  }

  private createModule(): PremiereApi {
    const project = this.project;
    const world = this.world;
    return {
      Project: { getActiveProject: async () => project },
      SequenceEditor: {
        getEditor(sequence) {
          if (!(sequence instanceof SimSequence)) throw new TypeError('getEditor expects a Sequence');
          return new SimSequenceEditor(world, sequence);
        },
      },
      TickTime: { createWithTicks: (ticks) => SimTickTime.fromTicks(ticks) },
      ProjectItem: {
        TYPE_CLIP: SIM_ITEM_TYPE.CLIP,
        TYPE_BIN: SIM_ITEM_TYPE.BIN,
        TYPE_ROOT: SIM_ITEM_TYPE.ROOT,
      },
      FolderItem: {
        cast(item: ProjectItemApi): FolderItemApi {
          if (!(item instanceof SimBinItem))
            throw new TypeError(`FolderItem.cast: "${item.name}" is not a bin`);
          return item;
        },
      },
      ClipProjectItem: {
        cast(item: ProjectItemApi): ClipProjectItemApi {
          if (!(item instanceof SimClipItem))
            throw new TypeError(`ClipProjectItem.cast: "${item.name}" is not a clip`);
          return new SimClipView(item);
        },
      },
      Constants: { TrackItemType: { CLIP: SIM_TRACK_ITEM_CLIP } },
    } satisfies PremiereApi;
  }
}

function listBins(bin: SimBinItem, parentPath: string): SimSnapshot['bins'] {
  const path = bin.type === SIM_ITEM_TYPE.ROOT ? '' : parentPath ? `${parentPath}/${bin.name}` : bin.name;
  const items = bin.children
    .filter((child): child is SimClipItem => child instanceof SimClipItem)
    .map((clip) => ({ name: clip.name, mediaPath: clip.mediaPath }));
  const nested = bin.children.filter((child): child is SimBinItem => child instanceof SimBinItem);
  return [{ path, items }, ...nested.flatMap((child) => listBins(child, path))];
}
