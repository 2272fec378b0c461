// Just enough XML text handling for Final Draft files: entity decoding and CDATA, no DOM needed.

const NAMED_ENTITIES: Readonly<Record<string, string>> = Object.freeze({
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
});

export function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, body: string) => {
    if (body.startsWith('#')) {
      const codePoint =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      // A malformed reference stays as written rather than throwing on a user's file.
      return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}

/** Character data of an XML fragment: tags dropped, CDATA kept verbatim, entities decoded elsewhere. */
export function xmlFragmentText(fragment: string): string {
  let text = '';
  let cursor = 0;
  const cdata = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
  for (const match of fragment.matchAll(cdata)) {
    text += decodeXmlEntities(fragment.slice(cursor, match.index).replace(/<[^>]*>/g, ''));
    text += match[1];
    cursor = match.index + match[0].length;
  }
  return text + decodeXmlEntities(fragment.slice(cursor).replace(/<[^>]*>/g, ''));
}

export function readXmlAttribute(attributes: string, name: string): string | null {
  const match = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
  if (!match) return null;
  return decodeXmlEntities(match[1] ?? match[2] ?? '');
}
