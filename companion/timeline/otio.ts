// OpenTimelineIO JSON (.otio): Timeline.1 > Stack.1 > Track.1 of Clip.2 and Gap.1, rational times in frames.
import type { FrameRate } from '../../shared/protocol';
import { provenanceNote } from '../../shared/shots/provenance-note';
import { PROMPT_MARKER_NAME } from './fcp7-xml';
import type { PlacedExportClip, TimelineLayout } from './layout';
import { baseName, otioTargetUrl } from './path-url';

type Json = Record<string, unknown>;

/** OTIO stores a rate as a float (e.g. 23.976023976023978); values are frame counts at that rate. */
const rational = (value: number, fps: FrameRate): Json => ({
  OTIO_SCHEMA: 'RationalTime.1',
  rate: fps.num / fps.den,
  value,
});

const range = (start: number, duration: number, fps: FrameRate): Json => ({
  OTIO_SCHEMA: 'TimeRange.1',
  start_time: rational(start, fps),
  duration: rational(duration, fps),
});

/** The prompt marker over the whole clip, as the panel adds in Premiere (OTIO's FCP XML adapter maps it back). */
const promptMarker = (clip: PlacedExportClip, fps: FrameRate, start: number): Json => ({
  OTIO_SCHEMA: 'Marker.2',
  name: PROMPT_MARKER_NAME,
  marked_range: range(start, clip.frames, fps),
  color: 'ORANGE',
  comment: clip.prompt,
  metadata: {},
});

function clipJson(clip: PlacedExportClip, fps: FrameRate): Json {
  // Source times are media times: they start at the clip's own timecode (0 for generated clips).
  const mediaStart = clip.timecodeFrame ?? 0;
  return {
    OTIO_SCHEMA: 'Clip.2',
    name: clip.name,
    source_range: range(mediaStart, clip.frames, fps),
    effects: [],
    markers: [promptMarker(clip, fps, mediaStart)],
    enabled: true,
    media_references: {
      DEFAULT_MEDIA: {
        OTIO_SCHEMA: 'ExternalReference.1',
        name: baseName(clip.path),
        target_url: otioTargetUrl(clip.path),
        available_range: range(mediaStart, clip.frames, fps),
        available_image_bounds: null,
        metadata: {},
      },
    },
    active_media_reference_key: 'DEFAULT_MEDIA',
    metadata: {
      shotline: {
        shotId: clip.shotId,
        take: clip.take,
        prompt: clip.prompt,
        ...(clip.seed !== undefined && { seed: clip.seed }),
        aiGenerated: true,
        logNote: provenanceNote(clip),
        ...(clip.sceneHeading ? { sceneHeading: clip.sceneHeading } : {}),
      },
    },
  };
}

const gapJson = (frames: number, fps: FrameRate): Json => ({
  OTIO_SCHEMA: 'Gap.1',
  name: '',
  source_range: range(0, frames, fps),
  effects: [],
  markers: [],
  enabled: true,
  metadata: {},
});

/** A track's children: gaps wherever a clip starts later than the previous one ended (takes above V1). */
function trackChildren(clips: readonly PlacedExportClip[], fps: FrameRate): Json[] {
  const children: Json[] = [];
  let cursor = 0;
  for (const clip of clips) {
    if (clip.start > cursor) children.push(gapJson(clip.start - cursor, fps));
    children.push(clipJson(clip, fps));
    cursor = clip.start + clip.frames;
  }
  return children;
}

export function toOtio(layout: TimelineLayout): string {
  const timeline = {
    OTIO_SCHEMA: 'Timeline.1',
    name: layout.name,
    // The sequence's start timecode (01:00:00;00 is frame 107892 at 29.97), as OTIO's FCP XML reader sets it.
    global_start_time: rational(layout.timecode.startFrame, layout.fps),
    metadata: { shotline: { fps: layout.fps, size: layout.size, dropFrame: layout.timecode.dropFrame } },
    tracks: {
      OTIO_SCHEMA: 'Stack.1',
      name: 'tracks',
      source_range: null,
      effects: [],
      markers: [],
      enabled: true,
      metadata: {},
      children: layout.tracks.map((clips, index) => ({
        OTIO_SCHEMA: 'Track.1',
        name: `V${index + 1}`,
        kind: 'Video',
        source_range: null,
        effects: [],
        markers: [],
        enabled: true,
        metadata: {},
        children: trackChildren(clips, layout.fps),
      })),
    },
  };
  return JSON.stringify(timeline, null, 2) + '\n';
}
