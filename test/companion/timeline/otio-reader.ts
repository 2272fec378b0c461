// Reads .otio JSON by the schema names and fields OpenTimelineIO 0.19 defines (Timeline.1, Stack.1, Track.1,
// Clip.2, Gap.1, Marker.2, ExternalReference.1, RationalTime.1): positions come from summing durations.
interface Rational {
  OTIO_SCHEMA: 'RationalTime.1';
  value: number;
  rate: number;
}
interface Range {
  OTIO_SCHEMA: 'TimeRange.1';
  start_time: Rational;
  duration: Rational;
}
interface Item {
  OTIO_SCHEMA: string;
  name: string;
  source_range: Range;
  markers: { OTIO_SCHEMA: string; name: string; comment: string; marked_range: Range }[];
  media_references?: Record<string, { OTIO_SCHEMA: string; target_url: string; available_range: Range }>;
  active_media_reference_key?: string;
}

export type OtioItem =
  | {
      kind: 'clip';
      name: string;
      start: number;
      duration: number;
      sourceStart: number;
      targetUrl: string;
      markers: { name: string; comment: string; start: number; duration: number }[];
    }
  | { kind: 'gap'; duration: number };

export function readOtio(text: string): {
  globalStart: { value: number; rate: number } | null;
  rates: number[];
  tracks: OtioItem[][];
} {
  const timeline = JSON.parse(text) as {
    OTIO_SCHEMA: string;
    global_start_time: Rational | null;
    tracks: { OTIO_SCHEMA: string; children: { OTIO_SCHEMA: string; kind: string; children: Item[] }[] };
  };
  if (timeline.OTIO_SCHEMA !== 'Timeline.1' || timeline.tracks.OTIO_SCHEMA !== 'Stack.1')
    throw new Error('not an OTIO timeline');
  const rates: number[] = [];
  const tracks = timeline.tracks.children.map((track) => {
    if (track.OTIO_SCHEMA !== 'Track.1' || track.kind !== 'Video')
      throw new Error(`unexpected track ${track.OTIO_SCHEMA}`);
    let cursor = 0;
    return track.children.map((item): OtioItem => {
      const start = cursor;
      const duration = item.source_range.duration.value;
      rates.push(item.source_range.duration.rate, item.source_range.start_time.rate);
      cursor += duration;
      if (item.OTIO_SCHEMA === 'Gap.1') return { kind: 'gap', duration };
      if (item.OTIO_SCHEMA !== 'Clip.2') throw new Error(`unexpected item ${item.OTIO_SCHEMA}`);
      const ref = item.media_references?.[item.active_media_reference_key ?? ''];
      if (ref?.OTIO_SCHEMA !== 'ExternalReference.1')
        throw new Error(`clip ${item.name} has no external media`);
      return {
        kind: 'clip',
        name: item.name,
        start,
        duration,
        sourceStart: item.source_range.start_time.value,
        targetUrl: ref.target_url,
        markers: item.markers.map((m) => ({
          name: m.name,
          comment: m.comment,
          start: m.marked_range.start_time.value,
          duration: m.marked_range.duration.value,
        })),
      };
    });
  });
  const g = timeline.global_start_time;
  return { globalStart: g ? { value: g.value, rate: g.rate } : null, rates, tracks };
}
