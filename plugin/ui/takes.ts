// Takes of one shot side by side: grouping jobs by shot, what sets each apart, and what "promote" replaces.
import type { TimelineClip } from '../host/host-adapter';
import { t } from '../i18n/i18n';
import type { JobRow } from './jobs-state';

export interface TakeGroup {
  shotId: string;
  /** Oldest take first. */
  takes: JobRow[];
  /** The take of this shot now on the timeline, if any: the clip "promote" replaces. */
  placed?: JobRow;
}

/** Groups in the order shots first appear; takes by number. */
export function groupTakes(jobs: readonly JobRow[]): TakeGroup[] {
  const groups = new Map<string, JobRow[]>();
  for (const job of jobs) groups.set(job.shotId, [...(groups.get(job.shotId) ?? []), job]);
  return [...groups].map(([shotId, rows]) => {
    const takes = [...rows].sort((a, b) => a.take - b.take);
    // The newest placement wins when several takes were placed (e.g. "Place again").
    const placed = takes.filter((t) => t.placement?.state === 'placed').at(-1);
    return { shotId, takes, ...(placed && { placed }) };
  });
}

/** What sets a take apart: its variant label, else its seed; empty for a lone take with nothing to tell. */
export function takeDifference(job: JobRow): string {
  if (job.label) return job.label;
  return job.seed === undefined ? '' : t('jobs.seed', { seed: job.seed });
}

/** The timeline clip a placed take became, as replaceClip expects it. */
export function placedClipOf(job: JobRow): TimelineClip | null {
  if (job.placement?.state !== 'placed' || !job.output) return null;
  const { clip } = job.placement;
  return {
    trackIndex: clip.trackIndex,
    name: clip.projectItemName,
    mediaPath: job.output.path,
    startTicks: clip.startTicks,
    endTicks: clip.endTicks,
  };
}

/** Why `job` cannot be promoted in its group, or null when it can. */
export function promoteProblem(group: TakeGroup, job: JobRow): string | null {
  if (job.status !== 'done' || !job.output) return t('jobs.notFinished');
  if (!group.placed) return t('jobs.noneOnTimeline');
  if (group.placed.jobId === job.jobId) return t('jobs.isPlaced');
  const placedFrames = group.placed.output?.frames;
  if (placedFrames !== undefined && placedFrames !== job.output.frames) {
    return t('jobs.framesDiffer', { frames: job.output.frames, placed: placedFrames });
  }
  return null;
}
