// Writes Shotline's provenance into a clip's XMP packet (dc:description, xmpDM:logComment) and reads it back.
import { provenanceNote } from '../../../shared/shots/provenance-note';

export { provenanceNote };

const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const DC_NS = 'http://purl.org/dc/elements/1.1/';
const XMP_DM_NS = 'http://ns.adobe.com/xmp/1.0/DynamicMedia/';

export interface Provenance {
  prompt: string;
  seed?: number;
  backend?: string;
  model?: string;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');
}

/** Elements and attributes of one property, in any of the forms XMP allows, so a rewrite leaves no stale copy. */
function stripProperty(xmp: string, qname: string): string {
  const element = new RegExp(`<${qname}\\b[^>]*/>|<${qname}\\b[^>]*>[\\s\\S]*?</${qname}>`, 'g');
  const attribute = new RegExp(`\\s${qname}="[^"]*"`, 'g');
  return xmp.replace(element, '').replace(attribute, '');
}

/**
 * The packet with Shotline's description and log note in place of any earlier ones. Other metadata is kept:
 * the new properties go into their own rdf:Description, which XMP allows beside the existing ones.
 */
export function withProvenance(xmp: string, p: Provenance): string {
  const block =
    `<rdf:Description rdf:about="" xmlns:dc="${DC_NS}" xmlns:xmpDM="${XMP_DM_NS}">` +
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(p.prompt)}</rdf:li></rdf:Alt></dc:description>` +
    `<xmpDM:logComment>${escapeXml(provenanceNote(p))}</xmpDM:logComment>` +
    `</rdf:Description>`;
  const cleaned = stripProperty(stripProperty(xmp, 'dc:description'), 'xmpDM:logComment');
  if (cleaned.includes('</rdf:RDF>')) return cleaned.replace('</rdf:RDF>', `${block}</rdf:RDF>`);
  return (
    `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>` +
    `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="${RDF_NS}">${block}</rdf:RDF></x:xmpmeta>` +
    `<?xpacket end="w"?>`
  );
}

/** The clip's log note, element or attribute form; undefined when there is none. */
export function readLogComment(xmp: string): string | undefined {
  const element = /<xmpDM:logComment\b[^>]*>([\s\S]*?)<\/xmpDM:logComment>/.exec(xmp);
  const attribute = /\sxmpDM:logComment="([^"]*)"/.exec(xmp);
  const raw = element?.[1] ?? attribute?.[1];
  return raw === undefined ? undefined : unescapeXml(raw);
}
