// Marks a placed clip as an AI draft: colour label, XMP and Project panel columns, an optional prompt marker.
import type { DraftLabels } from '../host-adapter';
import { withProjectColumns } from '../timeline/project-columns';
import { withProvenance } from '../timeline/xmp';
import type { PremiereAction, PremiereApi, ProjectItemApi } from './premiere-api';

export const PROMPT_MARKER_NAME = 'Shotline prompt';

/**
 * Reads what the label actions need (the current XMP packet, the clip's markers) before the lock, and
 * returns a synchronous maker of the actions, to be called inside lockedAccess.
 */
export async function prepareLabelActions(
  api: PremiereApi,
  item: ProjectItemApi,
  labels: DraftLabels | undefined,
  clipLengthTicks: bigint,
): Promise<() => PremiereAction[]> {
  if (!labels) return () => [];
  const provenance = labels.provenance;
  const xmp = provenance ? withProvenance(await api.Metadata.getXMPMetadata(item), provenance) : undefined;
  // The Project panel shows its own columns, not the file's XMP: write Log Note and Description there too.
  const columns = provenance
    ? withProjectColumns(await api.Metadata.getProjectMetadata(item), provenance)
    : undefined;
  const clip = labels.promptMarker && provenance ? api.ClipProjectItem.cast(item) : null;
  const markers = clip ? await api.Markers.getMarkers(clip) : undefined;
  return () => {
    const actions: PremiereAction[] = [];
    if (labels.colorLabel !== undefined) actions.push(item.createSetColorLabelAction(labels.colorLabel));
    if (xmp !== undefined) actions.push(api.Metadata.createSetXMPMetadataAction(item, xmp));
    if (columns) {
      actions.push(
        api.Metadata.createSetProjectMetadataAction(item, columns.metadata, columns.updatedFields),
      );
    }
    if (markers && provenance) {
      // A clip marker over the whole clip, in source time: it travels with the clip when it is moved.
      actions.push(
        markers.createAddMarkerAction(
          PROMPT_MARKER_NAME,
          api.Marker.MARKER_TYPE_COMMENT,
          api.TickTime.createWithTicks('0'),
          api.TickTime.createWithTicks(clipLengthTicks.toString()),
          provenance.prompt,
        ),
      );
    }
    return actions;
  };
}
