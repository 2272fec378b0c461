// Builds the object that stands in for `require('premierepro')` over one simulated world.
import type {
  ClipProjectItemApi,
  FolderItemApi,
  PremiereApi,
  ProjectItemApi,
} from '../premiere/premiere-api';
import { normalizeMediaPath } from '../media-path';
import { SIM_MARKER_TYPE_COMMENT, SimMarkers } from './markers';
import { SIM_ITEM_TYPE, SimBinItem, SimClipItem, SimClipView } from './project-items';
import type { SimProject } from './project';
import { SimSequenceEditor } from './sequence-editor';
import { SimTickTime } from './tick-time';
import { SIM_TRACK_ITEM_CLIP, SimSequence } from './timeline';
import { SimAction } from './actions';
import { hasMember } from './api-versions';
import { projectMetadataApi } from './project-metadata';
import type { SimWorld } from './world';

/** Premiere hands back the empty string, not an error, for an item without XMP. */
const EMPTY_XMP = '';

function clipOf(view: unknown, method: string): SimClipItem {
  if (view instanceof SimClipView) return view.item;
  // Premiere's Transcript and Markers take a ClipProjectItem, i.e. the cast view, not the raw item.
  throw new TypeError(`${method} expects a ClipProjectItem (use ClipProjectItem.cast(item)).`);
}

export function createSimModule(world: SimWorld, project: SimProject): PremiereApi {
  return {
    Project: { getActiveProject: async () => project },
    SequenceEditor: {
      getEditor(sequence) {
        if (!(sequence instanceof SimSequence)) throw new TypeError('getEditor expects a Sequence');
        return new SimSequenceEditor(world, sequence);
      },
    },
    ProjectUtils: {
      async getSelection(of) {
        if (of !== project) throw new TypeError('ProjectUtils.getSelection expects the project');
        const items = [...world.projectSelection];
        return { getItems: async () => items };
      },
    },
    TickTime: { createWithTicks: (ticks) => SimTickTime.fromTicks(ticks) },
    ProjectItem: {
      TYPE_CLIP: SIM_ITEM_TYPE.CLIP,
      TYPE_BIN: SIM_ITEM_TYPE.BIN,
      TYPE_ROOT: SIM_ITEM_TYPE.ROOT,
    },
    // Premiere hands back null when the item is of another kind (a sequence, a title), not an error.
    FolderItem: {
      cast: (item: ProjectItemApi): FolderItemApi | null => (item instanceof SimBinItem ? item : null),
    },
    ClipProjectItem: {
      cast: (item: ProjectItemApi): ClipProjectItemApi | null =>
        item instanceof SimClipItem ? new SimClipView(item) : null,
    },
    Constants: { TrackItemType: { CLIP: SIM_TRACK_ITEM_CLIP } },
    Marker: { MARKER_TYPE_COMMENT: SIM_MARKER_TYPE_COMMENT },
    Markers: {
      async getMarkers(owner) {
        if (owner instanceof SimSequence) return new SimMarkers(world, owner);
        return new SimMarkers(world, clipOf(owner, 'Markers.getMarkers'));
      },
    },
    Transcript: {
      ...(hasMember(world.version, 'Transcript.hasTranscript') && {
        hasTranscript: (clip: ClipProjectItemApi) =>
          world.transcripts.has(normalizeMediaPath(clipOf(clip, 'Transcript.hasTranscript').mediaPath)),
      }),
      async exportToJSON(clip) {
        const path = normalizeMediaPath(clipOf(clip, 'Transcript.exportToJSON').mediaPath);
        return world.transcripts.get(path) ?? '';
      },
    },
    Metadata: {
      async getXMPMetadata(item) {
        return world.xmp.get(item.getId()) ?? EMPTY_XMP;
      },
      createSetXMPMetadataAction(item, metadata) {
        world.lock.assertHeld('Metadata.createSetXMPMetadataAction');
        if (typeof metadata !== 'string') throw new TypeError('createSetXMPMetadataAction expects a string');
        return new SimAction(`metadata ${item.name}`, () => world.xmp.set(item.getId(), metadata));
      },
      ...projectMetadataApi(world),
    },
  } satisfies PremiereApi;
}
