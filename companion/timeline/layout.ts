// Lays rendered shots out as a timeline: script order end to end on V1, further takes stacked above.
import type { FrameRate, FrameSize } from '../../shared/protocol';

export interface ExportClip {
  shotId: string;
  take: number;
  prompt: string;
  /** Absolute path of the finished clip. */
  path: string;
  frames: number;
  sceneHeading?: string;
}

export interface PlacedExportClip extends ExportClip {
  /** Display name, e.g. "S1-03 take 2". */
  name: string;
  /** 0-based video track: take 1 on the first, take n on the n-th. */
  track: number;
  /** Start on the timeline, in sequence frames. */
  start: number;
}

export interface TimelineLayout {
  name: string;
  fps: FrameRate;
  size: FrameSize;
  /** Length in frames: where the last shot ends. */
  duration: number;
  tracks: PlacedExportClip[][];
}

/**
 * Shots keep the order of `clips` (script order); all takes of a shot start together, and the next shot
 * starts where that shot's longest take ends. Clips are already conformed to `fps`, so frames are exact.
 */
export function layoutTimeline(
  name: string,
  clips: readonly ExportClip[],
  fps: FrameRate,
  size: FrameSize,
): TimelineLayout {
  const shotOrder: string[] = [];
  const byShot = new Map<string, ExportClip[]>();
  for (const clip of clips) {
    if (!byShot.has(clip.shotId)) shotOrder.push(clip.shotId);
    byShot.set(clip.shotId, [...(byShot.get(clip.shotId) ?? []), clip]);
  }
  const tracks: PlacedExportClip[][] = [];
  let cursor = 0;
  for (const shotId of shotOrder) {
    const takes = [...(byShot.get(shotId) ?? [])].sort((a, b) => a.take - b.take);
    takes.forEach((clip, track) => {
      (tracks[track] ??= []).push({
        ...clip,
        name: `${clip.shotId} take ${clip.take}`,
        track,
        start: cursor,
      });
    });
    cursor += Math.max(...takes.map((clip) => clip.frames));
  }
  return { name, fps, size, duration: cursor, tracks };
}
