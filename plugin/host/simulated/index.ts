// An in-memory Premiere for tests and the browser harness, shaped like the `premierepro` module it stands in for.
import type { FrameRate, FrameSize } from '../../../shared/protocol';
import { ticksPerFrame } from '../../../shared/timecode';
import { simTimeDisplay } from './time-display';
import { normalizeMediaPath } from '../media-path';
import type { PremiereApi } from '../premiere/premiere-api';
import { addMarkerRecord, SIM_MARKER_TYPE_COMMENT } from './markers';
import type { SimMediaInfo } from './media';
import { createSimModule } from './module';
import { SimBinItem, SimClipItem, SimOtherItem } from './project-items';
import { SimProject } from './project';
import { snapshotOf, type SimSnapshot } from './snapshot';
import { SimSequence } from './timeline';
import { SimWorld, type SimOptions } from './world';

export type { SimMediaInfo } from './media';
export type { SimOptions } from './world';
export type { SimBinItemSnapshot, SimClipSnapshot, SimMarkerSnapshot, SimSnapshot } from './snapshot';

export interface AddSequenceOptions {
  name: string;
  frameSize: FrameSize;
  frameRate: FrameRate;
  videoTracks?: number;
  audioTracks?: number;
  playheadTicks?: bigint;
  /** Start timecode, e.g. "01:00:00;00"; `;` before the frames makes the display drop-frame. */
  startTimecode?: string;
  /** Premiere's video display code, when a test wants one the start timecode does not imply. */
  videoDisplayFormat?: number;
}

export interface SimMarkerSpec {
  name: string;
  comments?: string;
  startTicks: bigint;
  durationTicks?: bigint;
  colorIndex?: number;
}

/** One segment of Premiere's transcript JSON: times in seconds from the start of the media. */
export interface SimTranscriptSegment {
  text: string;
  start: number;
  duration: number;
  speaker?: string;
}

export class SimulatedPremiere {
  readonly api: PremiereApi;
  readonly project: SimProject;
  private readonly world: SimWorld;

  constructor(options: SimOptions = {}) {
    this.world = new SimWorld(options);
    this.project = new SimProject(this.world, 'Simulated Project');
    this.api = createSimModule(this.world, this.project);
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
      ...simTimeDisplay(options.frameRate, options.startTimecode, options.videoDisplayFormat),
      resolveItem: (path) => this.itemFor(path),
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

  /** Puts a clip straight onto a track (test setup, not an undo step); its media lands in the root bin. */
  addClip(
    trackIndex: number,
    clip: { name: string; startTicks: bigint; endTicks: bigint; mediaPath?: string; inTicks?: bigint },
  ): void {
    const track = this.requireSequence().videoTracks[trackIndex];
    if (!track) throw new RangeError(`no video track ${trackIndex}`);
    const mediaPath = clip.mediaPath ?? `/sim/${clip.name}`;
    this.itemFor(mediaPath, clip.name);
    const record = { ...clip, id: this.world.nextId(), mediaPath, inTicks: clip.inTicks ?? 0n };
    track.clips = [...track.clips, record].sort((a, b) => (a.startTicks < b.startTicks ? -1 : 1));
    this.world.changed();
  }

  /** Selects the clips named `name` on a video track (or clears the selection when name is null). */
  selectClip(trackIndex: number | null, name: string | null): void {
    this.requireSequence().videoTracks.forEach((track, index) => {
      track.clips = track.clips.map(({ selected: _was, ...clip }) =>
        index === trackIndex && clip.name === name ? { ...clip, selected: true } : clip,
      );
    });
    this.world.changed();
  }

  /**
   * Selects project items in the Project panel by media path (a still, a clip), importing any the project
   * does not have yet into the root bin; `addOtherItem` names select a sequence or title. Empty clears it.
   */
  selectProjectItems(paths: readonly string[], others: readonly string[] = []): void {
    const otherItems = others.map((name) => {
      const item = this.project.root.children.find((c) => c instanceof SimOtherItem && c.name === name);
      if (!item) throw new RangeError(`no item "${name}" in the root bin`);
      return item;
    });
    this.world.projectSelection = [...paths.map((path) => this.itemFor(path)), ...otherItems];
    this.world.changed();
  }

  /** Adds a sequence marker (test setup, not an undo step). */
  addMarker(marker: SimMarkerSpec): void {
    addMarkerRecord(this.world, this.requireSequence(), {
      name: marker.name,
      comments: marker.comments ?? '',
      type: SIM_MARKER_TYPE_COMMENT,
      startTicks: marker.startTicks,
      durationTicks: marker.durationTicks ?? 0n,
      colorIndex: marker.colorIndex ?? 0,
    });
    this.world.changed();
  }

  /** Gives a media file a transcript in Premiere's JSON layout (language, segments with words, speakers). */
  setTranscript(mediaPath: string, segments: SimTranscriptSegment[], language = 'en-us'): void {
    const speakers = [...new Set(segments.map((s) => s.speaker ?? 'Speaker 1'))];
    const speakerId = (name: string) =>
      `00000000-0000-4000-8000-${String(speakers.indexOf(name)).padStart(12, '0')}`;
    const json = {
      language,
      segments: segments.map((segment) => ({
        language,
        speaker: speakerId(segment.speaker ?? 'Speaker 1'),
        start: segment.start,
        duration: segment.duration,
        words: segment.text.split(' ').map((text, index, all) => ({
          text,
          start: segment.start + (segment.duration * index) / all.length,
          duration: segment.duration / all.length,
          confidence: 1,
          eos: index === all.length - 1,
          tags: [],
          type: 'word',
        })),
      })),
      speakers: speakers.map((name) => ({ id: speakerId(name), name })),
    };
    this.world.transcripts.set(normalizeMediaPath(mediaPath), JSON.stringify(json));
  }

  /**
   * Puts a project item that is not a media clip (a sequence, a title) into the bin at `binPath` below the
   * root, e.g. an editor's nested sequence in a Shotline bin. The bins must exist.
   */
  addOtherItem(name: string, binPath: readonly string[] = []): void {
    let bin = this.project.root;
    for (const part of binPath) {
      const next = bin.children.find((c): c is SimBinItem => c instanceof SimBinItem && c.name === part);
      if (!next) throw new RangeError(`no bin "${binPath.join('/')}"`);
      bin = next;
    }
    bin.children.push(new SimOtherItem(this.world, name));
    this.world.changed();
  }

  /** How many undo entries the edits so far made: one per transaction, as Premiere's History panel shows. */
  get undoCount(): number {
    return this.world.undoStack.length;
  }

  get version(): string {
    return this.world.version;
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
    return snapshotOf(this.world, this.project);
  }

  /** The project item for a media path, created in the root bin for clips set up with addClip. */
  private itemFor(mediaPath: string, name?: string): SimClipItem {
    const known = this.world.itemsByPath.get(normalizeMediaPath(mediaPath));
    if (known instanceof SimClipItem) return known;
    const item = new SimClipItem(this.world, name ?? mediaPath.split(/[\\/]/).pop() ?? mediaPath, mediaPath);
    this.project.root.children.push(item);
    return item;
  }

  private requireSequence(): SimSequence {
    const sequence = this.project.activeSequence;
    if (!sequence) throw new Error('the simulated project has no active sequence; call addSequence first');
    return sequence;
  }
}
