// Fill gaps, as the panel models it: the typed range, the gap list, one exact-length shot request per slot.
import { codedText } from '../i18n/coded-text';
import { t } from '../i18n/i18n';
import type { FrameRate, ShotRequestInput } from '../../shared/protocol';
import {
  formatDuration,
  formatTimecode,
  framesToTicks,
  NON_DROP_FROM_ZERO,
  parseTimecode,
  TimecodeError,
  ticksToFrames,
  type TimecodeStyle,
} from '../../shared/timecode';
import type { EditMode, TickRangeQuery, TimelineGap } from '../host/host-adapter';
import { maxFramesFor, planGapFill, type GapVerdict } from '../host/timeline/placement-plan';
import type { PlacementSettings } from './place-jobs';
import { buildShotRequests, type BuildOptions, type PreparedShot } from './shot-requests';
import { DEFAULT_VARIANT_SETTINGS } from './variant-form';

/** One shot to make for a gap: where it goes and exactly how long it is. */
export interface GapSlot {
  /** The shot id sent to the companion; finished jobs are matched back to their slot by it. */
  shotId: string;
  trackIndex: number;
  startTicks: string;
  frames: number;
  /** Extend clip places by the placement settings' edit mode; gaps are always overwritten. */
  edit?: EditMode;
}

/** A gap as listed in the panel. */
export interface GapRow {
  key: string;
  trackIndex: number;
  startTimecode: string;
  frames: number;
  lengthTimecode: string;
  status: GapVerdict['status'];
  /** Why it cannot be filled; absent when it can. */
  reason?: string;
  /** How many shots fill it (more than one when a long gap is split). */
  shots: number;
}

export type ParsedRange = { ok: true; range: TickRangeQuery } | { ok: false; message: string };

/**
 * The in/out fields as a tick range; an empty field leaves that end at the sequence's start or end. Typed
 * timecodes are read as the Timeline shows them: from the sequence's start timecode, drop-frame or not.
 */
export function gapRange(
  inText: string,
  outText: string,
  rate: FrameRate,
  style: TimecodeStyle = NON_DROP_FROM_ZERO,
): ParsedRange {
  const range: TickRangeQuery = {};
  for (const [field, text] of [
    ['In', inText],
    ['Out', outText],
  ] as const) {
    if (text.trim() === '') continue;
    let frame: number;
    try {
      frame = parseTimecode(text, rate, style);
    } catch (err) {
      if (err instanceof TimecodeError)
        return {
          ok: false,
          message: t('problems.gapTimecode', {
            field: field === 'In' ? t('placement.in') : t('placement.out'),
            detail: codedText('shared', err),
          }),
        };
      throw err;
    }
    range[field === 'In' ? 'inTicks' : 'outTicks'] = framesToTicks(frame, rate).toString();
  }
  if (range.inTicks && range.outTicks && BigInt(range.inTicks) >= BigInt(range.outTicks))
    return { ok: false, message: t('problems.outBeforeIn') };
  return { ok: true, range };
}

export function planGaps(
  gaps: readonly TimelineGap[],
  rate: FrameRate,
  maxDurationSeconds: number,
  splitLong: boolean,
): GapVerdict[] {
  return planGapFill(gaps, rate, { maxFrames: maxFramesFor(maxDurationSeconds, rate), splitLong });
}

export function gapRows(
  verdicts: readonly GapVerdict[],
  rate: FrameRate,
  style: TimecodeStyle = NON_DROP_FROM_ZERO,
): GapRow[] {
  return verdicts.map(({ gap, ...verdict }) => ({
    key: `${gap.trackIndex}-${gap.startTicks}`,
    trackIndex: gap.trackIndex,
    startTimecode: formatTimecode(ticksToFrames(BigInt(gap.startTicks), rate), rate, style),
    frames: gap.frames,
    lengthTimecode: formatDuration(gap.frames, rate, style),
    status: verdict.status,
    ...(verdict.status === 'fill' ? {} : { reason: verdict.reason }),
    shots: verdict.status === 'fill' ? verdict.shots.length : 0,
  }));
}

/**
 * Slots of the fillable gaps; each gets a shot id an editor can read in bins and the undo list: the line's
 * shot, then "gap", the track and the start timecode ("S1-01 gap V1 00:00:10:00").
 */
export function gapSlots(verdicts: readonly GapVerdict[], rate: FrameRate, lineShotId: string): GapSlot[] {
  return verdicts.flatMap((verdict) =>
    verdict.status !== 'fill'
      ? []
      : verdict.shots.map((shot) => {
          const tc = formatTimecode(ticksToFrames(BigInt(shot.startTicks), rate), rate);
          return {
            shotId: `${lineShotId} gap V${verdict.gap.trackIndex + 1} ${tc}`,
            trackIndex: verdict.gap.trackIndex,
            startTicks: shot.startTicks,
            frames: shot.frames,
          };
        }),
  );
}

export type BuiltGapShots =
  { ok: true; shots: ShotRequestInput[]; slots: GapSlot[] } | { ok: false; message: string };

/**
 * One request per slot, with exactly the slot's frames at the sequence rate and one take. One selected line
 * fills every gap; otherwise the selected lines fill the slots in order and their counts must match.
 */
export function buildGapRequests(
  verdicts: readonly GapVerdict[],
  prepared: readonly PreparedShot[],
  options: Omit<BuildOptions, 'variants'>,
): BuiltGapShots {
  const rate = options.format.frameRate;
  const slotCount = gapSlots(verdicts, rate, 'x').length;
  if (slotCount === 0) return { ok: false, message: t('problems.noGap') };
  if (prepared.length !== 1 && prepared.length !== slotCount) {
    return {
      ok: false,
      message: t('problems.gapLines', { gaps: slotCount, count: prepared.length }),
    };
  }
  const built = buildShotRequests(prepared, {
    ...options,
    settings: { ...options.settings, takes: 1 },
    variants: DEFAULT_VARIANT_SETTINGS,
  });
  if (!built.ok) return built;
  const shots: ShotRequestInput[] = [];
  const slots: GapSlot[] = [];
  let index = 0;
  for (const verdict of verdicts) {
    for (const slot of gapSlots([verdict], rate, '')) {
      const base = built.shots[prepared.length === 1 ? 0 : index];
      if (!base) return { ok: false, message: t('problems.noLine') };
      const named = { ...slot, shotId: `${base.shotId}${slot.shotId}` };
      shots.push({ ...base, shotId: named.shotId, duration: { frames: slot.frames }, takes: 1 });
      slots.push(named);
      index += 1;
    }
  }
  return { ok: true, shots, slots };
}

/**
 * A gap's clip goes exactly where the gap is: overwrite on the gap's own track, never a ripple. A slot after
 * an extended clip may ask for insert instead.
 */
export function gapPlacementSettings(slot: GapSlot, base: PlacementSettings): PlacementSettings {
  return { ...base, edit: slot.edit ?? 'overwrite', track: { kind: 'index', index: slot.trackIndex } };
}
