// The slice of the `premierepro` module Shotline uses, checked at compile time against @adobe/premierepro.
import type { Action, CompoundAction, Constants, premierepro } from '@adobe/premierepro';

// Why a slice and not the full types: the real object types carry constructor signatures and dozens of
// members a simulated host cannot sensibly implement. Every member below keeps the real signature's
// shape, and `RealModuleFitsApi` at the bottom fails to compile if the real module stops fitting it.

export type PremiereAction = Action;
export type PremiereCompoundAction = Pick<CompoundAction, 'addAction'>;

export interface TickTimeApi {
  readonly ticks: string;
  readonly seconds: number;
}

export interface RectApi {
  width: number;
  height: number;
}

export interface ProjectItemApi {
  readonly name: string;
  readonly type: number;
  getId(): string;
  createSetColorLabelAction(inColorLabelIndex: number): PremiereAction;
}

export interface FolderItemApi {
  readonly name: string;
  readonly type: number;
  getItems(): Promise<ProjectItemApi[]>;
  createBinAction(name: string, makeUnique: boolean): PremiereAction;
}

export interface ClipProjectItemApi {
  readonly name: string;
  getMediaFilePath(): Promise<string>;
}

export interface TrackItemApi {
  getStartTime(): Promise<TickTimeApi>;
  getEndTime(): Promise<TickTimeApi>;
  getName(): Promise<string>;
  /** Source time at the clip's head: transcript times are source times. */
  getInPoint(): Promise<TickTimeApi>;
  /** Source time at the clip's tail (exclusive): the last frame shown is the one just before it. */
  getOutPoint(): Promise<TickTimeApi>;
  getIsSelected(): Promise<boolean>;
  getProjectItem(): Promise<ProjectItemApi>;
}

export interface TrackApi {
  readonly name: string;
  getTrackItems(trackItemType: Constants.TrackItemType, includeEmptyTrackItems: boolean): TrackItemApi[];
}

export interface SequenceApi {
  readonly name: string;
  getPlayerPosition(): Promise<TickTimeApi>;
  getEndTime(): Promise<TickTimeApi>;
  getFrameSize(): Promise<RectApi>;
  getTimebase(): Promise<string>;
  /** The sequence's start timecode as ticks (Premiere 25.6+ types; feature-detected). */
  getZeroPoint?(): Promise<TickTimeApi>;
  /** The Timeline's time display, a numeric code (see time-display.ts). */
  getVideoDisplayFormat?(): Promise<{ type: number }>;
  getVideoTrackCount(): Promise<number>;
  getAudioTrackCount(): Promise<number>;
  getVideoTrack(trackIndex: number): Promise<TrackApi>;
  getAudioTrack(trackIndex: number): Promise<TrackApi>;
}

export interface SequenceEditorApi {
  createOverwriteItemAction(
    projectItem: ProjectItemApi,
    time: TickTimeApi,
    videoTrackIndex: number,
    audioTrackIndex: number,
  ): PremiereAction;
  createInsertProjectItemAction(
    projectItem: ProjectItemApi,
    time: TickTimeApi,
    videoTrackIndex: number,
    audioTrackIndex: number,
    limitShift: boolean,
  ): PremiereAction;
}

export interface MarkerApi {
  getName(): string;
  getComments(): string;
  getStart(): TickTimeApi;
  getDuration(): TickTimeApi;
  getColorIndex(): number;
}

export interface MarkersApi {
  getMarkers(filters?: string[]): MarkerApi[];
  createAddMarkerAction(
    Name: string,
    markerType?: string,
    startTime?: TickTimeApi,
    duration?: TickTimeApi,
    comments?: string,
  ): PremiereAction;
}

export interface ProjectApi {
  readonly name: string;
  getActiveSequence(): Promise<SequenceApi | null>;
  getRootItem(): Promise<FolderItemApi>;
  /** Resolves false on failure; `targetBin` must be a bin item, or null (never undefined) for the root. */
  importFiles(
    filePaths: string[],
    suppressUI?: boolean,
    targetBin?: ProjectItemApi | null,
    asNumberedStills?: boolean,
  ): Promise<boolean>;
  executeTransaction(
    callback: (compoundAction: PremiereCompoundAction) => void,
    undoString?: string,
  ): boolean;
  lockedAccess(callback: () => void): void;
}

/** The items selected in the Project panel (ProjectUtils.getSelection). */
export interface ProjectItemSelectionApi {
  getItems(): Promise<ProjectItemApi[]>;
}

/** The module object: `require('premierepro')` in Premiere, the simulated host elsewhere. */
export interface PremiereApi {
  Project: { getActiveProject(): Promise<ProjectApi | null> };
  SequenceEditor: { getEditor(sequence: SequenceApi): SequenceEditorApi };
  /** What is selected in the Project panel: a storyboard still an editor imported, say. */
  ProjectUtils: { getSelection(project: ProjectApi): Promise<ProjectItemSelectionApi> };
  TickTime: { createWithTicks(ticks: string): TickTimeApi };
  ProjectItem: { readonly TYPE_BIN: number; readonly TYPE_CLIP: number; readonly TYPE_ROOT: number };
  /** Typed as never-null by Adobe, yet null for items of another kind (a sequence, a title): check it. */
  FolderItem: { cast(projectItem: ProjectItemApi): FolderItemApi | null };
  ClipProjectItem: { cast(projectItem: ProjectItemApi): ClipProjectItemApi | null };
  Constants: { TrackItemType: { readonly CLIP: Constants.TrackItemType } };
  Marker: { readonly MARKER_TYPE_COMMENT: string };
  /** Sequence markers, or a clip's own markers (pass a ClipProjectItem.cast() view). */
  Markers: { getMarkers(markerOwnerObject: SequenceApi | ClipProjectItemApi): Promise<MarkersApi> };
  Transcript: {
    /** Since 26.3 (the manifest allows 25.6): feature-detect before calling. */
    hasTranscript?(clipProjectItem: ClipProjectItemApi): boolean;
    exportToJSON(clipProjectItem: ClipProjectItemApi): Promise<string>;
  };
  Metadata: {
    getXMPMetadata(projectItem: ProjectItemApi): Promise<string>;
    createSetXMPMetadataAction(projectItem: ProjectItemApi, metadata: string): PremiereAction;
    /** The Project panel's columns (Log Note, Description): Premiere's private project metadata packet. */
    getProjectMetadata(projectItem: ProjectItemApi): Promise<string>;
    createSetProjectMetadataAction(
      projectItem: ProjectItemApi,
      metadata: string,
      updatedFields: string[],
    ): PremiereAction;
  };
}

// Compile-time proof that the real module satisfies the slice: a renamed or re-typed member breaks this.
type Assert<T extends true> = T;
export type RealModuleFitsApi = Assert<premierepro extends PremiereApi ? true : false>;
