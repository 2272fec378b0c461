// HostAdapter for Premiere Pro over the `premierepro` module (real or simulated): plain data in and out.
import { frameRateFromTimebase } from '../../../shared/timecode';
import { readTimecodeStyle } from './time-display';
import {
  HostError,
  type HostAdapter,
  type PlaceClipRequest,
  type ProjectMediaItem,
  type SequenceInfo,
  type TakeItem,
} from '../host-adapter';
import { readLogComment } from '../timeline/xmp';
import { checkReplaceTarget, placeBatch, type BatchContext } from './place-batch';
import { findPlacedRange } from './placement';
import type { PremiereApi, ProjectApi, SequenceApi } from './premiere-api';
import { defaultRetry, findBinPath, takeBinPath, type RetryOptions } from './shotline-bin';
import {
  readGaps,
  readMarkers,
  readSelectedClips,
  readSelectedTranscript,
  readTrackClips,
} from './timeline-read';

export interface PremiereAdapterOptions {
  hostName?: string;
  retry?: Partial<RetryOptions>;
  /**
   * Called before a clip is imported. Real Premiere reads the file itself; the simulated host cannot, so
   * tests and the harness pass `sim.registerMedia` here to tell it the clip's length.
   */
  beforeImport?: (request: PlaceClipRequest) => void;
}

export function createPremiereAdapter(api: PremiereApi, options: PremiereAdapterOptions = {}): HostAdapter {
  const retry: RetryOptions = { ...defaultRetry, ...options.retry };

  async function activeProject(): Promise<ProjectApi> {
    const project = await api.Project.getActiveProject();
    if (!project) throw new HostError('NO_PROJECT', 'No Premiere project is open.');
    return project;
  }

  async function activeSequence(project?: ProjectApi): Promise<SequenceApi> {
    const sequence = await (project ?? (await activeProject())).getActiveSequence();
    if (!sequence)
      throw new HostError('NO_SEQUENCE', 'No sequence is open: open one in the Timeline panel first.');
    return sequence;
  }

  async function context(): Promise<BatchContext> {
    const project = await activeProject();
    const sequence = await activeSequence(project);
    return {
      api,
      project,
      sequence,
      retry,
      ...(options.beforeImport ? { beforeImport: options.beforeImport } : {}),
    };
  }

  const adapter: HostAdapter = {
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
      const frameRate = frameRateFromTimebase(timebase);
      return {
        name: sequence.name,
        frameSize: { width: Math.round(size.width), height: Math.round(size.height) },
        // getTimebase() is ticks per frame; the rate is 254016000000 / that, kept as an exact ratio.
        frameRate,
        playheadTicks: playhead.ticks,
        durationTicks: end.ticks,
        timecode: await readTimecodeStyle(sequence, frameRate),
      };
    },

    async placeClip(request) {
      const [placed] = await placeBatch(await context(), [request]);
      if (!placed)
        throw new HostError('CLIP_NOT_PLACED', `"${request.name}" was not placed.`, { name: request.name });
      return placed;
    },

    async placeClips(requests) {
      return placeBatch(await context(), requests);
    },

    async replaceClip(target, request) {
      const ctx = await context();
      await checkReplaceTarget(ctx, target, request);
      const replacing = { ...request, edit: 'overwrite' as const };
      const [placed] = await placeBatch(ctx, [replacing], { verb: `replace ${target.name} with`, target });
      if (!placed)
        throw new HostError('CLIP_NOT_PLACED', `"${request.name}" was not placed.`, { name: request.name });
      return placed;
    },

    async stillPlaced(clips) {
      const sequence = await activeSequence();
      const results: boolean[] = [];
      for (const clip of clips) {
        const span = await findPlacedRange(api, sequence, clip.trackIndex, BigInt(clip.startTicks));
        results.push(span !== undefined && span.end === BigInt(clip.endTicks));
      }
      return results;
    },

    async getMarkers(range) {
      return readMarkers(api, await activeSequence(), range);
    },

    async getSelectedClipTranscript() {
      return readSelectedTranscript(api, await activeSequence());
    },

    async findGaps(trackIndex, range) {
      return readGaps(api, await activeSequence(), trackIndex, range);
    },

    async getSelectedClips() {
      return readSelectedClips(api, await activeSequence());
    },

    async getTrackClips(trackIndex) {
      return readTrackClips(api, await activeSequence(), trackIndex);
    },

    async getSelectedProjectItems(): Promise<ProjectMediaItem[]> {
      const selection = await api.ProjectUtils.getSelection(await activeProject());
      const items: ProjectMediaItem[] = [];
      for (const item of await selection.getItems()) {
        // A bin, sequence or title has no media file of its own (cast gives null): listed without one.
        const clip = item.type === api.ProjectItem.TYPE_BIN ? null : api.ClipProjectItem.cast(item);
        const mediaPath = clip ? await clip.getMediaFilePath() : '';
        items.push({ name: item.name, ...(mediaPath && { mediaPath }) });
      }
      return items;
    },

    async listTakes(shot): Promise<TakeItem[]> {
      const project = await activeProject();
      const bin = await findBinPath(api, project, takeBinPath(shot));
      if (!bin) return [];
      const takes: TakeItem[] = [];
      for (const item of (await api.FolderItem.cast(bin)?.getItems()) ?? []) {
        // Anything an editor dropped in the bin that is not a clip (a sequence, a title) is not a take.
        const clip = item.type === api.ProjectItem.TYPE_BIN ? null : api.ClipProjectItem.cast(item);
        if (!clip) continue;
        const note = readLogComment(await api.Metadata.getXMPMetadata(item));
        const mediaPath = await clip.getMediaFilePath();
        takes.push({ name: item.name, mediaPath, ...(note === undefined ? {} : { note }) });
      }
      return takes;
    },
  };
  return adapter;
}
