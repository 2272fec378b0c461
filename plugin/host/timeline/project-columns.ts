// Shotline's provenance in the Project panel's own Log Note and Description columns (project metadata).
import { escapeXml, provenanceNote, withDescription, type Provenance } from './xmp';

/**
 * Premiere keeps its Project panel columns in a private XMP schema, apart from the file's XMP. The namespace
 * and the two column names are the ones Adobe's own samples write:
 * - Adobe-CEP/Samples, PProPanel/jsx/PPRO/Premiere.jsx (`modifyProjectMetadata`): namespace
 *   http://ns.adobe.com/premierePrivateProjectMetaData/1.0/, `Column.Intrinsic.LogNote` (Log Note) and
 *   `Column.PropertyText.Description` (Description);
 * - AdobeDocs/uxp-premiere-pro-samples, sample-panels/3psample-panel/html/src/metadata.ts: UXP writes that
 *   schema with `Metadata.createSetProjectMetadataAction(item, packet, updatedFields)` inside a transaction
 *   (https://developer.adobe.com/premiere-pro/uxp/ppro_reference/classes/metadata).
 */
export const PROJECT_METADATA_NS = 'http://ns.adobe.com/premierePrivateProjectMetaData/1.0/';
const PREFIX = 'premierePrivateProjectMetaData';

export const PROJECT_COLUMNS = Object.freeze({
  logNote: 'Column.Intrinsic.LogNote',
  description: 'Column.PropertyText.Description',
});

const FIELDS = [PROJECT_COLUMNS.logNote, PROJECT_COLUMNS.description];

/** The item's project metadata with Shotline's log note and description, and the fields it changed. */
export function withProjectColumns(
  packet: string,
  p: Provenance,
): { metadata: string; updatedFields: string[] } {
  const block =
    `<rdf:Description rdf:about="" xmlns:${PREFIX}="${PROJECT_METADATA_NS}">` +
    `<${PREFIX}:${PROJECT_COLUMNS.logNote}>${escapeXml(provenanceNote(p))}</${PREFIX}:${PROJECT_COLUMNS.logNote}>` +
    `<${PREFIX}:${PROJECT_COLUMNS.description}>${escapeXml(p.prompt)}</${PREFIX}:${PROJECT_COLUMNS.description}>` +
    `</rdf:Description>`;
  const metadata = withDescription(
    packet,
    block,
    FIELDS.map((field) => `${PREFIX}:${field}`),
  );
  return { metadata, updatedFields: [...FIELDS] };
}
