// Lays rendered shots out as a timeline: script order end to end on V1, take n on track n.
import type { FrameRate, FrameSize } from '../../shared/protocol';
import { NON_DROP_FROM_ZERO, type TimecodeStyle } from '../../shared/timecode';
import { editorText } from './editor-text';

export interface ExportClip {
  shotId: string;
  take: number;
  prompt: string;
  /** Absolute path of the finished clip (POSIX, `C:\…` or `\\server\share\…`). */
  path: string;
  frames: number;
  seed?: number;
  backend?: string;
  model?: string;
  sceneHeading?: string;
  /** The clip's own start timecode (a tmcd track), in frames at the sequence rate; generated clips have none. */
  timecodeFrame?: number;
}

export interface PlacedExportClip extends ExportClip {
  /** Display name, e.g. "S1-03 take 2". */
  name: string;
  /** 0-based video track: take n on track n, even when an earlier take failed and is missing. */
  track: number;
  /** Start on the timeline, in sequence frames. */
  start: number;
}

export interface TimelineLayout {
  name: string;
  fps: FrameRate;
  size: FrameSize;
  /** The sequence's start timecode and counting (01:00:00;00 drop-frame for a broadcast delivery). */
  timecode: TimecodeStyle;
  /** Length in frames: where the last shot ends. */
  duration: number;
  /** Tracks by index; a track with no clip is an empty list, so V3 stays V3. */
  tracks: PlacedExportClip[][];
}

/**
 * Shots keep the order of `clips` (script order); all takes of a shot start together, and the next shot
 * starts where that shot's longest take ends. Clips are already conformed to `fps`, so frames are exact.
 * Text is cleaned for the formats here, once, so the XML and the OTIO say the same thing.
 */
export function layoutTimeline(
  name: string,
  clips: readonly ExportClip[],
  fps: FrameRate,
  size: FrameSize,
  timecode: TimecodeStyle = NON_DROP_FROM_ZERO,
): TimelineLayout {
  const shotOrder: string[] = [];
  const byShot = new Map<string, ExportClip[]>();
  for (const clip of clips) {
    if (!byShot.has(clip.shotId)) shotOrder.push(clip.shotId);
    byShot.set(clip.shotId, [...(byShot.get(clip.shotId) ?? []), clip]);
  }
  const trackCount = Math.max(0, ...clips.map((clip) => clip.take));
  const tracks: PlacedExportClip[][] = Array.from({ length: trackCount }, () => []);
  let cursor = 0;
  for (const shotId of shotOrder) {
    const takes = [...(byShot.get(shotId) ?? [])].sort((a, b) => a.take - b.take);
    for (const clip of takes) {
      const shot = editorText(clip.shotId);
      (tracks[clip.take - 1] as PlacedExportClip[]).push({
        ...clip,
        shotId: shot,
        prompt: editorText(clip.prompt),
        ...(clip.sceneHeading !== undefined && { sceneHeading: editorText(clip.sceneHeading) }),
        name: `${shot} take ${clip.take}`,
        track: clip.take - 1,
        start: cursor,
      });
    }
    cursor += Math.max(...takes.map((clip) => clip.frames));
  }
  return { name: editorText(name), fps, size, timecode, duration: cursor, tracks };
}
