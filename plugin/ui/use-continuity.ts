// The continuity actions: extend a clip, bridge a gap, a shot from a storyboard frame, continue the last take.
import { t } from '../i18n/i18n';
import { hostErrorText } from './host-text';
import { useRef, useState } from 'react';
import type { BackendInfo, ShotRequestInput } from '../../shared/protocol';
import type { EditMode, HostAdapter, SequenceInfo } from '../host/host-adapter';
import {
  clipUnder,
  firstFrameOf,
  gapAtPlayhead,
  lastFrameOf,
  lastFrameOfTake,
  neighboursOf,
  frameUnder,
  planConditioning,
  stillOfProjectSelection,
} from './continuity';
import type { GapSlot } from './gap-fill';
import type { JobRow } from './jobs-state';
import { continuityShot, type ShotFields } from './continuity-shot';
import type { BuildOptions, GenerateSettings, PreparedShot } from './shot-requests';

export interface ContinuityDeps {
  adapter: HostAdapter;
  backend: BackendInfo | undefined;
  settings: GenerateSettings;
  prepared: readonly PreparedShot[];
  layout: BuildOptions['layout'];
  jobs: readonly JobRow[];
  /** The shot before this one in the same scene, for "Continue previous shot". */
  previousShotOf: (shotId: string) => string | undefined;
  /** The placement settings' edit mode (Extend clip follows it) and the track the gap fields name. */
  edit: EditMode;
  track: number;
  refreshSequence: () => Promise<SequenceInfo | null>;
  reportError: (message: string | null) => void;
  generate: (shots: ShotRequestInput[]) => void;
  generateInSlots: (shots: ShotRequestInput[], slots: readonly GapSlot[]) => void;
}

/** A path naming a still (by its extension); anything else is taken for a folder of boards. */
const isImagePath = (path: string) => /\.(png|jpe?g|webp)$/i.test(path);

/** Host calls fail with coded HostErrors, worded in the panel's language; anything else keeps its text. */
const messageOf = hostErrorText;

export function useContinuity(deps: ContinuityDeps) {
  const [notice, setNotice] = useState<string | null>(null);
  const latest = useRef(deps);
  latest.current = deps;

  const run = (action: (d: ContinuityDeps, info: SequenceInfo) => Promise<string | null>) => async () => {
    const d = latest.current;
    setNotice(null);
    const info = await d.refreshSequence();
    if (!info) return d.reportError(t('errors.noSequence'));
    try {
      const problem = await action(d, info);
      d.reportError(problem);
    } catch (err) {
      d.reportError(messageOf(err));
    }
  };

  /** Sends the shot; with a slot, its clip is placed there as soon as it is done. */
  const send = (
    d: ContinuityDeps,
    info: SequenceInfo,
    fields: Omit<ShotFields, 'conditioning'>,
    plan: ReturnType<typeof planConditioning>,
    slot?: Omit<GapSlot, 'shotId' | 'frames'>,
  ): string | null => {
    if (!plan.ok) return plan.message;
    const shot = continuityShot(d, info, { ...fields, conditioning: plan.conditioning });
    if (!shot.ok) return shot.message;
    if (plan.notice) setNotice(plan.notice);
    if (slot)
      d.generateInSlots([shot.request], [{ ...slot, shotId: shot.request.shotId, frames: shot.frames }]);
    else d.generate([shot.request]);
    return null;
  };

  const bridgeGap = run(async (d, info) => {
    const gap = gapAtPlayhead(await d.adapter.findGaps(d.track), info.playheadTicks);
    if (!gap) return t('continuity.noGap', { track: d.track + 1 });
    const { before, after } = neighboursOf(gap, await d.adapter.getTrackClips(d.track));
    if (!before || !after) return t('continuity.bridgeNeedsNeighbours');
    const start = lastFrameOf(before);
    const end = firstFrameOf(after);
    if (!start.ok) return start.message;
    if (!end.ok) return end.message;
    return send(
      d,
      info,
      {
        shotId: `${before.name} to ${after.name}`,
        fallbackPrompt: `The shot continues from ${before.name} into ${after.name}.`,
        frames: gap.frames,
      },
      planConditioning(d.backend, 'bridge', start.image, end.image),
      { trackIndex: gap.trackIndex, startTicks: gap.startTicks, edit: 'overwrite' },
    );
  });

  const extendClip = run(async (d, info) => {
    const [clip] = await d.adapter.getSelectedClips();
    if (!clip) return t('continuity.selectClip');
    const start = lastFrameOf(clip);
    if (!start.ok) return start.message;
    return send(
      d,
      info,
      { shotId: `${clip.name} ext`, fallbackPrompt: `The shot ${clip.name} goes on.` },
      planConditioning(d.backend, 'extend', start.image),
      { trackIndex: clip.trackIndex, startTicks: clip.endTicks, edit: d.edit },
    );
  });

  const fromPlayheadFrame = run(async (d, info) => {
    const clip = clipUnder(await d.adapter.getTrackClips(d.track), BigInt(info.playheadTicks));
    if (!clip) return t('continuity.noClipAtPlayhead', { track: d.track + 1 });
    const [line] = d.prepared;
    const start = frameUnder(clip, BigInt(info.playheadTicks));
    if (!start.ok) return start.message;
    return send(
      d,
      info,
      {
        shotId: line?.shot.shotId ?? `${clip.name} board`,
        fallbackPrompt: `The frame from ${clip.name} comes to life.`,
      },
      planConditioning(d.backend, 'storyboard', start.image),
    );
  });

  /** The selected shot (or a plain one) starting on a still file. */
  const fromStill = (d: ContinuityDeps, info: SequenceInfo, path: string) => {
    const [line] = d.prepared;
    return send(
      d,
      info,
      { shotId: line?.shot.shotId ?? 'board', fallbackPrompt: 'The storyboard frame comes to life.' },
      planConditioning(d.backend, 'storyboard', { kind: 'still', path }),
    );
  };

  /** The still selected in the Project panel (imported storyboard frames live there). */
  const fromProjectStill = run(async (d, info) => {
    const still = stillOfProjectSelection(await d.adapter.getSelectedProjectItems?.());
    return still.ok ? fromStill(d, info, still.path) : still.message;
  });

  /** An image file for the selected shot, or a folder: each selected shot starts on the board named after it. */
  const fromBoardImage = (path: string) =>
    run(async (d, info) => {
      const trimmed = path.trim();
      if (!trimmed) return t('continuity.boardPathMissing');
      if (isImagePath(trimmed)) return fromStill(d, info, trimmed);
      if (d.prepared.length === 0) return t('continuity.selectBoardShots');
      const shots: ShotRequestInput[] = [];
      for (const prepared of d.prepared) {
        const board = { kind: 'board' as const, folder: trimmed, name: prepared.shot.shotId };
        const plan = planConditioning(d.backend, 'storyboard', board);
        if (!plan.ok) return plan.message;
        const shot = continuityShot({ ...d, prepared: [prepared] }, info, {
          shotId: prepared.shot.shotId,
          fallbackPrompt: prepared.shot.text,
          conditioning: plan.conditioning,
        });
        if (!shot.ok) return shot.message;
        shots.push(shot.request);
      }
      d.generate(shots);
      return null;
    })();

  const continuePrevious = run(async (d, info) => {
    const [line] = d.prepared;
    if (!line) return t('continuity.selectContinuing');
    const previous = d.previousShotOf(line.shot.shotId);
    if (!previous) return t('continuity.firstOfScene', { shotId: line.shot.shotId });
    const take = [...d.jobs].reverse().find((job) => job.shotId === previous && job.output);
    if (!take?.output) return t('continuity.generatePreviousFirst', { previous, shotId: line.shot.shotId });
    return send(
      d,
      info,
      { shotId: line.shot.shotId, fallbackPrompt: line.shot.text },
      planConditioning(d.backend, 'continue', lastFrameOfTake(take.output)),
    );
  });

  return {
    notice,
    bridgeGap,
    extendClip,
    fromPlayheadFrame,
    fromProjectStill,
    fromBoardImage,
    continuePrevious,
  };
}
