// HostAdapter for Premiere Pro over the `premierepro` module (real or simulated): plain data in and out.
import { frameRateFromTimebase, TICKS_PER_SECOND } from '../../../shared/timecode';
import {
  HostError,
  type HostAdapter,
  type PlaceClipRequest,
  type PlacedClip,
  type SequenceInfo,
} from '../host-adapter';
import { findPlacedRange, lowestFreeTrack, overwriteAsOneUndoStep } from './placement';
import type { PremiereApi, ProjectApi, SequenceApi } from './premiere-api';
import {
  defaultRetry,
  ensureShotlineBin,
  importIntoBin,
  SHOTLINE_BIN_NAME,
  type RetryOptions,
} from './shotline-bin';

export interface PremiereAdapterOptions {
  hostName?: string;
  retry?: Partial<RetryOptions>;
  /**
   * Called before a clip is imported. Real Premiere reads the file itself; the simulated host cannot, so
   * tests and the harness pass `sim.registerMedia` here to tell it the clip's length.
   */
  beforeImport?: (request: PlaceClipRequest) => void;
}

/** Clip length in ticks from frames at the clip's own rate (floor: exact for every whole-tick rate). */
function clipLengthTicks(request: PlaceClipRequest): bigint {
  return (BigInt(request.frames) * TICKS_PER_SECOND * BigInt(request.fps.den)) / BigInt(request.fps.num);
}

export function createPremiereAdapter(api: PremiereApi, options: PremiereAdapterOptions = {}): HostAdapter {
  const retry: RetryOptions = { ...defaultRetry, ...options.retry };

  async function activeProject(): Promise<ProjectApi> {
    const project = await api.Project.getActiveProject();
    if (!project) throw new HostError('No Premiere project is open.');
    return project;
  }

  async function activeSequence(project: ProjectApi): Promise<SequenceApi> {
    const sequence = await project.getActiveSequence();
    if (!sequence) throw new HostError('No sequence is open: open one in the Timeline panel first.');
    return sequence;
  }

  return {
    hostName: options.hostName ?? 'Premiere Pro',

    async getSequenceInfo(): Promise<SequenceInfo | null> {
      const project = await api.Project.getActiveProject();
      const sequence = project ? await project.getActiveSequence() : null;
      if (!sequence) return null;
      const [size, timebase, playhead, end] = await Promise.all([
        sequence.getFrameSize(),
        sequence.getTimebase(),
        sequence.getPlayerPosition(),
        sequence.getEndTime(),
      ]);
      return {
        name: sequence.name,
        frameSize: { width: Math.round(size.width), height: Math.round(size.height) },
        // getTimebase() is ticks per frame; the rate is 254016000000 / that, kept as an exact ratio.
        frameRate: frameRateFromTimebase(timebase),
        playheadTicks: playhead.ticks,
        durationTicks: end.ticks,
      };
    },

    async placeClip(request: PlaceClipRequest): Promise<PlacedClip> {
      const project = await activeProject();
      const sequence = await activeSequence(project);
      const start = BigInt(request.startTicks ?? (await sequence.getPlayerPosition()).ticks);
      const range = { start, end: start + clipLengthTicks(request) };

      options.beforeImport?.(request);
      const bin = await ensureShotlineBin(api, project, retry);
      const item = await importIntoBin(api, project, bin, request.path, retry);

      const videoTrackIndex = await lowestFreeTrack(api, sequence, 'video', range);
      const audioTrackIndex = await lowestFreeTrack(api, sequence, 'audio', range);
      const undoName = `Shotline: place ${request.name}`;
      overwriteAsOneUndoStep(api, project, sequence, {
        item,
        start,
        videoTrackIndex,
        audioTrackIndex,
        undoName,
      });

      const placed = (await findPlacedRange(api, sequence, videoTrackIndex, start)) ?? range;
      return {
        trackIndex: videoTrackIndex,
        startTicks: placed.start.toString(),
        endTicks: placed.end.toString(),
        projectItemName: item.name,
        binPath: SHOTLINE_BIN_NAME,
        undoName,
      };
    },
  };
}
