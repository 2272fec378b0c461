// Reads the timeline as plain data: sequence markers, gaps on a track, selected clips and their transcript.
import { secondsToTicks } from '../../../shared/timecode';
import {
  HostError,
  type MarkerLine,
  type TickRangeQuery,
  type TimelineClip,
  type TimelineGap,
  type TranscriptLine,
} from '../host-adapter';
import { gapsBetween } from '../timeline/gaps';
import { parseTranscriptJson } from '../timeline/transcript-json';
import { clipSpans } from './placement';
import type { PremiereApi, SequenceApi, TrackItemApi } from './premiere-api';

function bounds(range: TickRangeQuery | undefined, end: bigint): { start: bigint; end: bigint } {
  const start = range?.inTicks === undefined ? 0n : BigInt(range.inTicks);
  const stop = range?.outTicks === undefined ? end : BigInt(range.outTicks);
  if (stop < start)
    throw new HostError('OUT_BEFORE_IN', 'The out point is before the in point; set in and out again.');
  return { start, end: stop };
}

export async function readMarkers(
  api: PremiereApi,
  sequence: SequenceApi,
  range?: TickRangeQuery,
): Promise<MarkerLine[]> {
  const markers = (await api.Markers.getMarkers(sequence)).getMarkers();
  const lines = markers.map((marker) => ({
    name: marker.getName(),
    comments: marker.getComments(),
    startTicks: marker.getStart().ticks,
    durationTicks: marker.getDuration().ticks,
    colorIndex: marker.getColorIndex(),
  }));
  // A marker is in the range when it starts there (in ≤ start < out): the start is where its shot goes.
  const inside = (ticks: bigint) =>
    (range?.inTicks === undefined || ticks >= BigInt(range.inTicks)) &&
    (range?.outTicks === undefined || ticks < BigInt(range.outTicks));
  return lines
    .filter((line) => inside(BigInt(line.startTicks)))
    .sort((a, b) => {
      const d = BigInt(a.startTicks) - BigInt(b.startTicks);
      return d < 0n ? -1 : d > 0n ? 1 : 0;
    });
}

export async function readGaps(
  api: PremiereApi,
  sequence: SequenceApi,
  trackIndex: number,
  range?: TickRangeQuery,
): Promise<TimelineGap[]> {
  await checkTrack(sequence, trackIndex);
  const window = bounds(range, BigInt((await sequence.getEndTime()).ticks));
  const spans = await clipSpans(api, await sequence.getVideoTrack(trackIndex));
  return gapsBetween(spans, window, BigInt(await sequence.getTimebase()), trackIndex);
}

interface SelectedItem {
  clip: TimelineClip;
  item: TrackItemApi;
}

/**
 * A track item as plain data. getInPoint/getOutPoint are its head and tail "relative to the start time of the
 * project item" (VideoClipTrackItem in @adobe/premierepro's premierepro.d.ts): source times in the media.
 */
async function clipOf(api: PremiereApi, item: TrackItemApi, trackIndex: number): Promise<TimelineClip> {
  const projectItem = await item.getProjectItem();
  const [name, mediaPath, start, end, sourceIn, sourceOut] = await Promise.all([
    item.getName(),
    // A nested sequence or a title on the timeline has no media file.
    api.ClipProjectItem.cast(projectItem)?.getMediaFilePath() ?? '',
    item.getStartTime(),
    item.getEndTime(),
    item.getInPoint(),
    item.getOutPoint(),
  ]);
  return {
    trackIndex,
    name,
    mediaPath,
    startTicks: start.ticks,
    endTicks: end.ticks,
    sourceInTicks: sourceIn.ticks,
    sourceOutTicks: sourceOut.ticks,
  };
}

async function selectedItems(api: PremiereApi, sequence: SequenceApi): Promise<SelectedItem[]> {
  const found: SelectedItem[] = [];
  const count = await sequence.getVideoTrackCount();
  for (let trackIndex = 0; trackIndex < count; trackIndex += 1) {
    const track = await sequence.getVideoTrack(trackIndex);
    for (const item of track.getTrackItems(api.Constants.TrackItemType.CLIP, false)) {
      if (await item.getIsSelected()) found.push({ item, clip: await clipOf(api, item, trackIndex) });
    }
  }
  return found;
}

export async function readTrackClips(
  api: PremiereApi,
  sequence: SequenceApi,
  trackIndex: number,
): Promise<TimelineClip[]> {
  await checkTrack(sequence, trackIndex);
  const track = await sequence.getVideoTrack(trackIndex);
  const clips = await Promise.all(
    track.getTrackItems(api.Constants.TrackItemType.CLIP, false).map((item) => clipOf(api, item, trackIndex)),
  );
  return clips.sort((a, b) => (BigInt(a.startTicks) < BigInt(b.startTicks) ? -1 : 1));
}

export async function readSelectedClips(api: PremiereApi, sequence: SequenceApi): Promise<TimelineClip[]> {
  return (await selectedItems(api, sequence)).map((selected) => selected.clip);
}

/** Transcript segments of the first selected clip, moved from source time to sequence time and cut to the clip. */
export async function readSelectedTranscript(
  api: PremiereApi,
  sequence: SequenceApi,
): Promise<TranscriptLine[]> {
  const [selected] = await selectedItems(api, sequence);
  if (!selected) throw new HostError('NO_CLIP_SELECTED', 'Select a transcribed clip in the timeline first.');
  const clip = api.ClipProjectItem.cast(await selected.item.getProjectItem());
  const none = new HostError(
    'NO_TRANSCRIPT',
    `"${selected.clip.name}" has no transcript: transcribe it in the Text panel first.`,
    { name: selected.clip.name },
  );
  if (!clip)
    throw new HostError(
      'NOT_MEDIA_CLIP',
      `"${selected.clip.name}" is not a media clip, so it has no transcript.`,
      { name: selected.clip.name },
    );
  // hasTranscript arrived in 26.3; before that, an empty export is how a clip without one answers.
  if (api.Transcript.hasTranscript && !api.Transcript.hasTranscript(clip)) throw none;
  const json = await api.Transcript.exportToJSON(clip).catch(() => '');
  if (json.trim() === '') throw none;
  const segments = parseTranscriptJson(json);
  const start = BigInt(selected.clip.startTicks);
  const end = BigInt(selected.clip.endTicks);
  const offset = start - BigInt((await selected.item.getInPoint()).ticks);
  const lines: TranscriptLine[] = [];
  for (const segment of segments) {
    const from = secondsToTicks(segment.start) + offset;
    const to = secondsToTicks(segment.end) + offset;
    // Segments in the trimmed-off parts of the media are not on the timeline.
    if (to <= start || from >= end) continue;
    lines.push({
      text: segment.text,
      startTicks: (from < start ? start : from).toString(),
      endTicks: (to > end ? end : to).toString(),
      ...(segment.speaker ? { speaker: segment.speaker } : {}),
    });
  }
  return lines;
}

async function checkTrack(sequence: SequenceApi, trackIndex: number): Promise<void> {
  const count = await sequence.getVideoTrackCount();
  if (!Number.isInteger(trackIndex) || trackIndex < 0 || trackIndex >= count) {
    throw new HostError(
      'TRACK_MISSING',
      `The sequence has no video track ${trackIndex + 1} (it has ${count}).`,
      {
        track: trackIndex + 1,
        count,
        case: 'ofCount',
      },
    );
  }
}
