// Continuity shots as the panel models them: which frames a shot starts and ends on, read from the timeline.
import { t } from '../i18n/i18n';
import {
  conditioningModeFor,
  type BackendInfo,
  type Conditioning,
  type ConditioningAction,
  type ImageSource,
  type JobOutput,
} from '../../shared/protocol';
import { TICKS_PER_SECOND } from '../../shared/timecode';
import type { ProjectMediaItem, TimelineClip, TimelineGap } from '../host/host-adapter';
import { STILL_TYPES } from '../host/media-picker';

type Plan<T> = ({ ok: true } & T) | { ok: false; message: string };

function frameAtTicks(clip: TimelineClip, ticks: bigint): Plan<{ image: ImageSource }> {
  if (!clip.mediaPath) return { ok: false, message: t('continuity.noMedia', { clip: clip.name }) };
  if (ticks < 0n || ticks > BigInt(Number.MAX_SAFE_INTEGER))
    return { ok: false, message: t('continuity.tooLong', { clip: clip.name }) };
  return {
    ok: true,
    image: {
      kind: 'frame',
      path: clip.mediaPath,
      time: { num: Number(ticks), den: Number(TICKS_PER_SECOND) },
    },
  };
}

/**
 * The clip's last frame: the source time one tick before its out point (the out point is exclusive), which is
 * inside the last frame shown whatever the media's own rate.
 */
export function lastFrameOf(clip: TimelineClip): Plan<{ image: ImageSource }> {
  if (clip.sourceOutTicks === undefined)
    return { ok: false, message: t('continuity.noOutPoint', { clip: clip.name }) };
  return frameAtTicks(clip, BigInt(clip.sourceOutTicks) - 1n);
}

/** The clip's first frame: the source time of its in point. */
export function firstFrameOf(clip: TimelineClip): Plan<{ image: ImageSource }> {
  if (clip.sourceInTicks === undefined)
    return { ok: false, message: t('continuity.noInPoint', { clip: clip.name }) };
  return frameAtTicks(clip, BigInt(clip.sourceInTicks));
}

/** The frame of `clip` shown at sequence time `ticks`. */
export function frameUnder(clip: TimelineClip, ticks: bigint): Plan<{ image: ImageSource }> {
  if (clip.sourceInTicks === undefined)
    return { ok: false, message: t('continuity.noInPoint', { clip: clip.name }) };
  return frameAtTicks(clip, BigInt(clip.sourceInTicks) + ticks - BigInt(clip.startTicks));
}

const isStill = (path: string) => STILL_TYPES.some((type) => path.toLowerCase().endsWith(`.${type}`));

/**
 * The storyboard still selected in the project panel: the first selected item whose media is a PNG, JPEG or
 * WebP file (the companion checks the content again). Video clips and sequences are named in the refusal.
 */
export function stillOfProjectSelection(
  items: readonly ProjectMediaItem[] | undefined,
): Plan<{ path: string; name: string }> {
  if (!items) return { ok: false, message: t('continuity.noProjectPanel') };
  if (items.length === 0) return { ok: false, message: t('continuity.selectProjectStill') };
  const still = items.find((item) => item.mediaPath && isStill(item.mediaPath));
  if (!still?.mediaPath) return { ok: false, message: t('continuity.notAStill', { item: items[0]!.name }) };
  return { ok: true, path: still.mediaPath, name: still.name };
}

/** The last frame of a finished take, by its exact frame time: a continued shot starts where it stopped. */
export function lastFrameOfTake(output: JobOutput): ImageSource {
  return {
    kind: 'frame',
    path: output.path,
    time: { num: (output.frames - 1) * output.fps.den, den: output.fps.num },
  };
}

/** The gap under the playhead, or else the first one after it. */
export function gapAtPlayhead(gaps: readonly TimelineGap[], playheadTicks: string): TimelineGap | undefined {
  const at = BigInt(playheadTicks);
  return (
    gaps.find((gap) => BigInt(gap.startTicks) <= at && at < BigInt(gap.endTicks)) ??
    gaps.find((gap) => BigInt(gap.startTicks) > at)
  );
}

/** The clips that end where the gap starts and start where it ends. */
export function neighboursOf(gap: TimelineGap, clips: readonly TimelineClip[]) {
  return {
    before: clips.find((clip) => clip.endTicks === gap.startTicks),
    after: clips.find((clip) => clip.startTicks === gap.endTicks),
  };
}

/** The clip on the track under sequence time `ticks`. */
export function clipUnder(clips: readonly TimelineClip[], ticks: bigint): TimelineClip | undefined {
  return clips.find((clip) => BigInt(clip.startTicks) <= ticks && ticks < BigInt(clip.endTicks));
}

/**
 * The conditioning for `action` on `backend`: first-and-last-frame when there is an end image and the backend
 * has it, otherwise image-to-video from the start image with a notice saying the end image is not used.
 */
export function planConditioning(
  backend: BackendInfo | undefined,
  action: ConditioningAction,
  startImage: ImageSource,
  endImage?: ImageSource,
): Plan<{ conditioning: Conditioning; notice?: string }> {
  if (!backend) return { ok: false, message: t('continuity.noBackend') };
  const requested = endImage ? 'flf2v' : 'i2v';
  const mode = conditioningModeFor(requested, backend.capabilities.conditioning);
  if (!mode)
    return {
      ok: false,
      message: t('continuity.noImageMode', { backend: backend.label }),
    };
  if (mode === 'i2v' || !endImage) {
    return {
      ok: true,
      conditioning: { mode: 'i2v', action, startImage },
      ...(requested !== mode && {
        notice: t('continuity.noFlf', { backend: backend.label }),
      }),
    };
  }
  return { ok: true, conditioning: { mode: 'flf2v', action, startImage, endImage } };
}
