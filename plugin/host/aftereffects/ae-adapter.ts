// HostAdapter for After Effects: clips become layers of the active comp at its current time, one undo group.
import {
  framesToTicks,
  frameRateFromNumber,
  NON_DROP_FROM_ZERO,
  ticksPerFrame,
} from '../../../shared/timecode';
import {
  HostError,
  type HostAdapter,
  type PlaceClipRequest,
  type PlacedClip,
  type SequenceInfo,
} from '../host-adapter';
import { undoNameFor } from '../premiere/place-batch';
import { takeBinPath } from '../premiere/shotline-bin';
import { provenanceNote } from '../timeline/xmp';
import type { AeCompItem, AeFolderItem, AfterEffectsApi } from './ae-api';

/** AE has no tracks, transcripts or sequence markers in the slice we use: say so instead of faking data. */
function unsupported(feature: string, what: string): Promise<never> {
  return Promise.reject(
    new HostError(
      'AE_UNSUPPORTED',
      `${what} is not available in After Effects yet; use Premiere Pro for it.`,
      {
        case: feature,
      },
    ),
  );
}

async function folderPath(
  ae: AfterEffectsApi,
  root: AeFolderItem,
  names: readonly string[],
): Promise<AeFolderItem> {
  let folder = root;
  for (const name of names) {
    let found: AeFolderItem | undefined;
    for (let i = 1; i <= folder.items.length; i += 1) {
      const item = folder.items[i];
      if (ae.isFolder(item) && item.name === name) found = item;
    }
    if (!found) {
      found = await folder.items.addFolder(name);
      found.parentFolder = folder;
    }
    folder = found;
  }
  return folder;
}

export function createAfterEffectsAdapter(ae: AfterEffectsApi, hostName = 'After Effects'): HostAdapter {
  function activeComp(): AeCompItem {
    const project = ae.project;
    if (!project)
      throw new HostError('NO_PROJECT', 'No After Effects project is open.', { case: 'aftereffects' });
    if (!ae.isComp(project.activeItem))
      throw new HostError(
        'AE_NO_COMP',
        'Open a composition first: Shotline places clips into the active comp.',
      );
    return project.activeItem;
  }

  async function placeAll(requests: readonly PlaceClipRequest[]): Promise<PlacedClip[]> {
    const comp = activeComp();
    const project = ae.project;
    if (!project)
      throw new HostError('NO_PROJECT', 'No After Effects project is open.', { case: 'aftereffects' });
    const rate = frameRateFromNumber(comp.frameRate);
    const tpf = ticksPerFrame(rate);
    const undoName = undoNameFor(
      'place',
      requests.map((r) => r.name),
    );
    const placed: PlacedClip[] = [];
    ae.beginUndoGroup(undoName);
    try {
      for (const request of requests) {
        if (request.edit === 'insert')
          throw new HostError('AE_NO_INSERT', 'After Effects has no ripple insert; place with overwrite.');
        const path = takeBinPath(request);
        const folder = await folderPath(ae, project.rootFolder, path);
        const footage = await project.importFile(ae.createImportOptions(request.path));
        footage.parentFolder = folder;
        if (request.labels?.provenance) footage.comment = provenanceNote(request.labels.provenance);
        if (request.labels?.colorLabel !== undefined) footage.label = request.labels.colorLabel;
        const layer = await comp.layers.add(footage);
        // Start on a comp frame: the playhead's frame, or the requested tick time's frame.
        const startFrame =
          request.startTicks === undefined
            ? Math.round(comp.time * comp.frameRate)
            : Number(BigInt(request.startTicks) / tpf);
        layer.startTime = (startFrame * rate.den) / rate.num;
        layer.name = request.name;
        const frames = Math.round(
          (request.frames * request.fps.den * rate.num) / (request.fps.num * rate.den),
        );
        placed.push({
          trackIndex: layer.index - 1,
          startTicks: framesToTicks(startFrame, rate).toString(),
          endTicks: framesToTicks(startFrame + frames, rate).toString(),
          projectItemName: footage.name,
          binPath: path.join('/'),
          undoName,
        });
      }
    } finally {
      // Always close the group: an open one would swallow the user's next edits into ours.
      ae.endUndoGroup();
    }
    return placed;
  }

  return {
    hostName,
    // Layers are placed, never read back: the reads below refuse, so the panel turns their actions off.
    readsTimeline: false,
    async getSequenceInfo(): Promise<SequenceInfo | null> {
      const project = ae.project;
      const comp = project && ae.isComp(project.activeItem) ? project.activeItem : null;
      if (!comp) return null;
      const rate = frameRateFromNumber(comp.frameRate);
      return {
        name: comp.name,
        frameSize: { width: comp.width, height: comp.height },
        frameRate: rate,
        playheadTicks: framesToTicks(Math.round(comp.time * comp.frameRate), rate).toString(),
        durationTicks: framesToTicks(Math.round(comp.duration * comp.frameRate), rate).toString(),
        // The documented AE UXP comp has no start timecode or drop-frame flag yet: show it from zero.
        timecode: NON_DROP_FROM_ZERO,
      };
    },
    async placeClip(request) {
      const [placed] = await placeAll([request]);
      if (!placed)
        throw new HostError('CLIP_NOT_PLACED', `"${request.name}" was not placed.`, { name: request.name });
      return placed;
    },
    placeClips: placeAll,
    replaceClip: () => unsupported('replaceClip', 'Replacing a clip'),
    getMarkers: () => unsupported('getMarkers', 'Reading comp markers'),
    getSelectedClipTranscript: () => unsupported('getSelectedClipTranscript', 'Reading a transcript'),
    findGaps: () => unsupported('findGaps', 'Finding gaps'),
    getSelectedClips: () => unsupported('getSelectedClips', 'Reading the selected layers'),
    getTrackClips: () => unsupported('getTrackClips', 'Reading the layers of a comp'),
    listTakes: () => unsupported('listTakes', 'Listing takes'),
  };
}
