// Plain-data picture of a simulated project, for assertions and the harness's live view.
import type { FrameSize } from '../../../shared/protocol';
import { SIM_ITEM_TYPE, SimBinItem, SimClipItem } from './project-items';
import { columnsOf } from './project-metadata';
import type { SimProject } from './project';
import type { SimSequence } from './timeline';
import type { SimWorld } from './world';

export interface SimSnapshot {
  sequence: {
    name: string;
    frameSize: FrameSize;
    timebaseTicks: string;
    playheadTicks: string;
    zeroPointTicks: string;
    videoDisplayFormat: number;
  } | null;
  videoTracks: SimClipSnapshot[][];
  audioTracks: SimClipSnapshot[][];
  /** Track names, video first index 0 (Premiere's "Video 1"…). */
  videoTrackNames: string[];
  markers: SimMarkerSnapshot[];
  bins: { path: string; items: SimBinItemSnapshot[] }[];
  undoStack: string[];
}

export interface SimClipSnapshot {
  name: string;
  mediaPath: string;
  startTicks: string;
  endTicks: string;
  selected?: true;
}

export interface SimMarkerSnapshot {
  name: string;
  comments: string;
  startTicks: string;
  durationTicks: string;
}

export interface SimBinItemSnapshot {
  name: string;
  mediaPath: string;
  colorLabel?: number;
  xmp?: string;
  /** Project panel columns by header ("Log Note", "Description"), as project metadata sets them. */
  columns?: Record<string, string>;
  /** Names and comments of the clip's own markers (the prompt marker). */
  markers?: SimMarkerSnapshot[];
}

function markerSnapshots(world: SimWorld, owner: object): SimMarkerSnapshot[] {
  return (world.markers.get(owner) ?? []).map((m) => ({
    name: m.name,
    comments: m.comments,
    startTicks: m.startTicks.toString(),
    durationTicks: m.durationTicks.toString(),
  }));
}

function clips(tracks: SimSequence['videoTracks']): SimClipSnapshot[][] {
  return tracks.map((track) =>
    track.clips.map((c) => ({
      name: c.name,
      mediaPath: c.mediaPath,
      startTicks: c.startTicks.toString(),
      endTicks: c.endTicks.toString(),
      ...(c.selected ? { selected: true as const } : {}),
    })),
  );
}

function itemSnapshot(world: SimWorld, clip: SimClipItem): SimBinItemSnapshot {
  const label = world.colorLabels.get(clip.getId());
  const xmp = world.xmp.get(clip.getId());
  const markers = markerSnapshots(world, clip);
  const columns = columnsOf(world, clip);
  return {
    name: clip.name,
    mediaPath: clip.mediaPath,
    ...(label === undefined ? {} : { colorLabel: label }),
    ...(xmp === undefined ? {} : { xmp }),
    ...(columns === undefined ? {} : { columns }),
    ...(markers.length ? { markers } : {}),
  };
}

function listBins(world: SimWorld, bin: SimBinItem, parentPath: string): SimSnapshot['bins'] {
  const path = bin.type === SIM_ITEM_TYPE.ROOT ? '' : parentPath ? `${parentPath}/${bin.name}` : bin.name;
  const items = bin.children
    .filter((child): child is SimClipItem => child instanceof SimClipItem)
    .map((clip) => itemSnapshot(world, clip));
  const nested = bin.children.filter((child): child is SimBinItem => child instanceof SimBinItem);
  return [{ path, items }, ...nested.flatMap((child) => listBins(world, child, path))];
}

export function snapshotOf(world: SimWorld, project: SimProject): SimSnapshot {
  const sequence = project.activeSequence;
  return {
    sequence: sequence && {
      name: sequence.name,
      frameSize: { ...sequence.frameSize },
      timebaseTicks: sequence.timebaseTicks.toString(),
      playheadTicks: sequence.playheadTicks.toString(),
      zeroPointTicks: sequence.zeroPointTicks.toString(),
      videoDisplayFormat: sequence.videoDisplayFormat,
    },
    videoTracks: sequence ? clips(sequence.videoTracks) : [],
    audioTracks: sequence ? clips(sequence.audioTracks) : [],
    videoTrackNames: sequence ? sequence.videoTracks.map((t) => t.name) : [],
    markers: sequence ? markerSnapshots(world, sequence) : [],
    bins: listBins(world, project.root, ''),
    undoStack: world.undoStack.map((entry) => entry.name),
  };
}
