// Simulated Project panel columns: Premiere's private project metadata, changed only in the fields named.
import type { ProjectItemApi } from '../premiere/premiere-api';
import { SimAction } from './actions';
import type { SimWorld } from './world';

/** The simulated host's own copy of Premiere's column schema (see plugin/host/timeline/project-columns.ts). */
const NAMESPACE = 'http://ns.adobe.com/premierePrivateProjectMetaData/1.0/';
const PREFIX = 'premierePrivateProjectMetaData';

/** Project panel columns by field name, as the panel's column headers show them. */
export const SIM_PROJECT_COLUMNS: Readonly<Record<string, string>> = Object.freeze({
  'Column.Intrinsic.Name': 'Name',
  'Column.Intrinsic.LogNote': 'Log Note',
  'Column.PropertyText.Description': 'Description',
  'Column.PropertyText.Comment': 'Comment',
  'Column.Intrinsic.TapeName': 'Tape Name',
});

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function unescape(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** The packet getProjectMetadata returns for an item's column values. */
function packetOf(values: ReadonlyMap<string, string>): string {
  const fields = [...values].map(
    ([field, value]) => `<${PREFIX}:${field}>${escape(value)}</${PREFIX}:${field}>`,
  );
  return (
    `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">` +
    `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
    `<rdf:Description rdf:about="" xmlns:${PREFIX}="${NAMESPACE}">${fields.join('')}</rdf:Description>` +
    `</rdf:RDF></x:xmpmeta><?xpacket end="w"?>`
  );
}

function fieldIn(packet: string, field: string): string | undefined {
  const name = `${PREFIX}:${field}`.replace(/\./g, '\\.');
  const raw = new RegExp(`<${name}(?![\\w.])[^>]*>([\\s\\S]*?)</${name}>`).exec(packet)?.[1];
  return raw === undefined ? undefined : unescape(raw);
}

export function projectMetadataApi(world: SimWorld) {
  return {
    async getProjectMetadata(item: ProjectItemApi): Promise<string> {
      return packetOf(world.projectColumns.get(item.getId()) ?? new Map());
    },
    /**
     * Like Premiere, only `updatedFields` change, and only fields of the column schema: a packet sent without
     * naming its fields, or a misspelt column, changes nothing the Project panel shows.
     */
    createSetProjectMetadataAction(
      item: ProjectItemApi,
      metadata: string,
      updatedFields: string[],
    ): SimAction {
      world.lock.assertHeld('Metadata.createSetProjectMetadataAction');
      if (typeof metadata !== 'string' || !Array.isArray(updatedFields)) {
        throw new TypeError('createSetProjectMetadataAction expects (ProjectItem, string, string[])');
      }
      return new SimAction(`project metadata ${item.name}`, () => {
        const values = new Map(world.projectColumns.get(item.getId()));
        for (const field of updatedFields) {
          if (!(field in SIM_PROJECT_COLUMNS)) continue;
          const value = fieldIn(metadata, field);
          if (value === undefined) values.delete(field);
          else values.set(field, value);
        }
        world.projectColumns.set(item.getId(), values);
      });
    },
  };
}

/** The item's columns by header ("Log Note"), for snapshots; undefined when none is set. */
export function columnsOf(world: SimWorld, item: ProjectItemApi): Record<string, string> | undefined {
  const values = world.projectColumns.get(item.getId());
  if (!values?.size) return undefined;
  return Object.fromEntries(
    [...values].map(([field, value]) => [SIM_PROJECT_COLUMNS[field] ?? field, value]),
  );
}
