// Placement state for the panel: saved settings, found gaps, gap shots waiting for their clips, and the actions.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { hostErrorText } from './host-text';
import { t } from '../i18n/i18n';
import type { FrameRate, ShotRequestInput } from '../../shared/protocol';
import type { TimecodeStyle } from '../../shared/timecode';
import type { HostAdapter, SequenceInfo, TimelineGap } from '../host/host-adapter';
import type { GapVerdict } from '../host/timeline/placement-plan';
import {
  buildGapRequests,
  gapPlacementSettings,
  gapRange,
  gapRows,
  planGaps,
  type GapRow,
  type GapSlot,
} from './gap-fill';
import type { JobRow, JobsAction } from './jobs-state';
import { placeAtPlayhead, placeInScriptOrder, placeInSlots, promoteTake } from './place-jobs';
import {
  browserStore,
  loadPlacement,
  savePlacement,
  toPlacementSettings,
  type PanelPlacement,
} from './placement-settings';
import type { BuildOptions, PreparedShot } from './shot-requests';
import { placedClipOf, promoteProblem, type TakeGroup } from './takes';

export interface PlacementDeps {
  adapter: HostAdapter;
  jobs: JobRow[];
  dispatch: (action: JobsAction) => void;
  generate: (shots: ShotRequestInput[]) => void;
  refreshSequence: () => Promise<SequenceInfo | null>;
  reportError: (message: string | null) => void;
  /** The longest clip the chosen backend makes, in seconds. */
  maxDurationSeconds: number;
  /** Start of a shot read from a marker or transcript, if it was. */
  markerStartOf: (shotId: string) => string | undefined;
  /** The shot's scene heading, so its takes go into Shotline/<scene>/<shot>. */
  sceneOf: (shotId: string) => string | undefined;
}

/** Host calls fail with coded HostErrors, worded in the panel's language; anything else keeps its text. */
const messageOf = hostErrorText;

export function usePlacement(deps: PlacementDeps) {
  const [placement, setPlacementState] = useState<PanelPlacement>(() => loadPlacement(browserStore()));
  const [found, setFound] = useState<{
    gaps: TimelineGap[];
    rate: FrameRate;
    timecode: TimecodeStyle;
  } | null>(null);
  const [pending, setPending] = useState<ReadonlyMap<string, GapSlot>>(new Map());
  const placing = useRef(new Set<string>());
  const latest = useRef(deps);
  latest.current = deps;

  const setPlacement = useCallback((next: PanelPlacement) => {
    setPlacementState(next);
    savePlacement(browserStore(), next);
  }, []);

  const verdicts: GapVerdict[] = useMemo(
    () => (found ? planGaps(found.gaps, found.rate, deps.maxDurationSeconds, placement.splitLongGaps) : []),
    [found, deps.maxDurationSeconds, placement.splitLongGaps],
  );
  const rows: GapRow[] | null = found ? gapRows(verdicts, found.rate, found.timecode) : null;

  const findGaps = async () => {
    const { adapter, refreshSequence, reportError } = latest.current;
    const info = await refreshSequence();
    if (!info) return reportError(t('errors.noSequence'));
    const range = gapRange(placement.gapIn, placement.gapOut, info.frameRate, info.timecode);
    if (!range.ok) return reportError(range.message);
    try {
      setFound({
        gaps: await adapter.findGaps(placement.gapTrack, range.range),
        rate: info.frameRate,
        timecode: info.timecode,
      });
      reportError(null);
    } catch (err) {
      reportError(t('errors.gapsUnreadable', { detail: messageOf(err) }));
    }
  };

  /** Sends the shots; each one's finished clip goes into the slot of its shot id, as its own undo step. */
  const generateInSlots = (shots: ShotRequestInput[], slots: readonly GapSlot[]) => {
    setPending((map) => new Map([...map, ...slots.map((slot) => [slot.shotId, slot] as const)]));
    latest.current.generate(shots);
  };

  /** Sends one exact-length shot per fillable slot; each clip is placed in its gap as soon as it is done. */
  const fillGaps = async (
    prepared: readonly PreparedShot[],
    options: Omit<BuildOptions, 'variants' | 'format'>,
  ) => {
    const { refreshSequence, reportError } = latest.current;
    if (!found) return reportError(t('errors.findGapsFirst'));
    const info = await refreshSequence();
    if (!info) return reportError(t('errors.noSequence'));
    // The gaps were measured at found.rate: the shots must be counted in those same frames.
    const format = { frameRate: found.rate, frameSize: info.frameSize };
    const built = buildGapRequests(verdicts, prepared, { ...options, format });
    if (!built.ok) return reportError(built.message);
    reportError(null);
    generateInSlots(built.shots, built.slots);
  };

  // Finished gap shots go straight into their gap, each as its own undo step named after the shot.
  useEffect(() => {
    for (const job of deps.jobs) {
      const slot = pending.get(job.shotId);
      if (!slot || job.status !== 'done' || job.placement || placing.current.has(job.jobId)) continue;
      placing.current.add(job.jobId);
      const { adapter, dispatch, reportError } = latest.current;
      const settings = gapPlacementSettings(slot, toPlacementSettings(placement, latest.current.sceneOf));
      // A failed placement keeps its slot, so "Place" on the job tries the same gap again.
      placeInSlots(adapter, [{ job, slot }], dispatch, settings).then(
        () =>
          setPending((map) => {
            const next = new Map(map);
            next.delete(job.shotId);
            return next;
          }),
        (err) => reportError(t('errors.gapNotFilled', { shotId: job.shotId, detail: messageOf(err) })),
      );
    }
  }, [deps.jobs, pending, placement]);

  /** "Place" on one job, by the chosen mode. */
  const place = async (job: JobRow) => {
    const { adapter, dispatch, markerStartOf } = latest.current;
    const settings = toPlacementSettings(placement, latest.current.sceneOf);
    const slot = pending.get(job.shotId);
    if (slot) return placeInSlots(adapter, [{ job, slot }], dispatch, gapPlacementSettings(slot, settings));
    switch (placement.mode) {
      case 'replace': {
        const [target] = await adapter.getSelectedClips();
        if (!target) throw new Error(t('errors.selectClipToReplace'));
        return promoteTake(adapter, target, job, dispatch, settings);
      }
      case 'markers': {
        const start = markerStartOf(job.shotId);
        if (start) return placeInScriptOrder(adapter, [job], start, dispatch, settings);
        return placeAtPlayhead(adapter, job, dispatch, settings);
      }
      default:
        return placeAtPlayhead(adapter, job, dispatch, settings);
    }
  };

  /** "Promote take": the shot's placed take is replaced by this one over the same range, one undo step. */
  const promote = async (group: TakeGroup, job: JobRow) => {
    const problem = promoteProblem(group, job);
    const target = group.placed && placedClipOf(group.placed);
    if (problem || !target || !group.placed) throw new Error(problem ?? t('errors.noPlacedTake'));
    const { adapter, dispatch } = latest.current;
    await promoteTake(adapter, target, job, dispatch, toPlacementSettings(placement, latest.current.sceneOf));
    dispatch({ type: 'unplaced', jobId: group.placed.jobId });
  };

  return {
    placement,
    setPlacement,
    gapRows: rows,
    pendingSlots: pending.size,
    findGaps,
    fillGaps,
    generateInSlots,
    place,
    promote,
  };
}
