// Reads FCP 7 XML the way OpenTimelineIO's FCP XML adapter (otio_fcp_adapter/fcp_xml.py) does: rates inherited
// from the nearest element that has one, `<file id>` references resolved, gaps from clip starts, source start =
// in + the media's timecode, markers with out <= 0 being points, sequence timecode = global start time.
import { child, childText, parseXml, type XmlNode } from './xml-reader';

export interface ReadRate {
  timebase: number;
  ntsc: boolean;
}

export interface ReadMarker {
  name: string;
  comment: string;
  in: number;
  duration: number;
}

export interface ReadClip {
  kind: 'clip';
  name: string;
  rate: ReadRate;
  /** Where the clip sits on its track (the adapter's item range start). */
  start: number;
  duration: number;
  /** Source start in media time: in + media timecode frame. */
  sourceStart: number;
  media: 'external' | 'generator' | 'missing';
  targetUrl: string;
  mediaStart: number;
  markers: ReadMarker[];
  logging: Record<string, string>;
  comments: Record<string, string>;
}

export interface ReadGap {
  kind: 'gap';
  duration: number;
}

/** A clipitem holding a nested `<sequence>`: the adapter reads it as a Stack (Premiere's nests). */
export interface ReadNest {
  kind: 'nest';
  name: string;
  start: number;
  duration: number;
}

export interface ReadTimeline {
  name: string;
  rate: ReadRate;
  globalStart: { frame: number; string: string; displayformat: string } | null;
  tracks: (ReadClip | ReadGap | ReadNest)[][];
}

/** The adapter's _rate_from_context: the rate of the element itself or the nearest ancestor with one. */
function rateOf(context: readonly XmlNode[]): ReadRate {
  for (const node of [...context].reverse()) {
    const rate = child(node, 'rate');
    if (rate && childText(rate, 'timebase') !== undefined) {
      return {
        timebase: Number(childText(rate, 'timebase')),
        ntsc: childText(rate, 'ntsc')?.toLowerCase() === 'true',
      };
    }
  }
  throw new Error('no <rate> in context');
}

const textMap = (node: XmlNode | undefined): Record<string, string> =>
  Object.fromEntries((node?.children ?? []).map((c) => [c.name, c.text.trim()]));

export function readFcpXml(xml: string): ReadTimeline {
  const doc = parseXml(xml);
  const xmeml = child(doc, 'xmeml');
  if (!xmeml) throw new Error('no <xmeml> root');
  const sequence = child(xmeml, 'sequence');
  if (!sequence) throw new Error('no top-level <sequence>');
  // id dereferencing: the first element with an id and content defines it; later empty ones refer to it.
  const byId = new Map<string, XmlNode>();
  const index = (node: XmlNode) => {
    const id = node.attrs.id;
    if (id && node.children.length && !byId.has(`${node.name}:${id}`)) byId.set(`${node.name}:${id}`, node);
    node.children.forEach(index);
  };
  index(sequence);
  const deref = (node: XmlNode | undefined) =>
    node && node.children.length === 0 && node.attrs.id ? byId.get(`${node.name}:${node.attrs.id}`) : node;

  const seqContext = [sequence];
  const tc = child(sequence, 'timecode');
  const video = child(child(sequence, 'media'), 'video');
  const tracks = (video?.children ?? [])
    .filter((n) => n.name === 'track')
    .map((track) => {
      const items: (ReadClip | ReadGap | ReadNest)[] = [];
      let cursor = 0;
      for (const raw of track.children.filter((n) => n.name === 'clipitem')) {
        const item = deref(raw) as XmlNode;
        const start = Number(childText(item, 'start'));
        const end = Number(childText(item, 'end'));
        if (start > cursor) items.push({ kind: 'gap', duration: start - cursor });
        if (child(item, 'sequence')) {
          items.push({ kind: 'nest', name: childText(item, 'name') ?? '', start, duration: end - start });
          cursor = end;
          continue;
        }
        const file = deref(child(item, 'file'));
        if (!file) throw new Error(`clipitem ${item.attrs.id} has no <file>`);
        const fileTc = child(file, 'timecode');
        const mediaStart = fileTc ? Number(childText(fileTc, 'frame') ?? NaN) : 0;
        const pathurl = childText(file, 'pathurl');
        items.push({
          kind: 'clip',
          name: childText(item, 'name') ?? '',
          rate: rateOf([...seqContext, track, item]),
          start,
          duration: end - start,
          sourceStart: Number(childText(item, 'in')) + mediaStart,
          // As the adapter: a pathurl is an ExternalReference; mediaSource a generator; neither is missing media.
          media: pathurl ? 'external' : childText(file, 'mediaSource') ? 'generator' : 'missing',
          targetUrl: pathurl ?? '',
          mediaStart,
          markers: item.children
            .filter((n) => n.name === 'marker')
            .map((m) => {
              const mIn = Number(childText(m, 'in'));
              const out = Number(childText(m, 'out'));
              return {
                name: childText(m, 'name') ?? '',
                comment: childText(m, 'comment') ?? '',
                in: mIn,
                duration: out > 0 ? out - mIn : 0,
              };
            }),
          logging: textMap(child(item, 'logginginfo')),
          comments: textMap(child(item, 'comments')),
        });
        cursor = end;
      }
      return items;
    });
  return {
    name: childText(sequence, 'name') ?? '',
    rate: rateOf(seqContext),
    globalStart: tc
      ? {
          frame: Number(childText(tc, 'frame')),
          string: childText(tc, 'string') ?? '',
          displayformat: childText(tc, 'displayformat') ?? '',
        }
      : null,
    tracks,
  };
}
