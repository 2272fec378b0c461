// Checks a shot against what its backend can do, before any work is queued.
import {
  conditioningModeFor,
  ShotlineError,
  type BackendInfo,
  type ConditioningMode,
  type ShotRequest,
} from '../../shared/protocol';
import { durationToFrames, framesToSeconds } from '../../shared/timecode';

/**
 * Work one take may ask for, whatever a backend allows: frames (a 1000 fps request makes seconds meaningless)
 * and pixels over all frames, so no single request occupies a lane for hours. Two minutes at 60 fps; two
 * minutes of 1080p at 24 fps.
 */
export const TAKE_LIMITS = Object.freeze({ maxFrames: 7200, maxPixelFrames: 1920 * 1080 * 24 * 120 });

export function validateShotForBackend(shot: ShotRequest, info: BackendInfo): number {
  if (!info.available) {
    throw new ShotlineError(
      'UNKNOWN_BACKEND',
      `Backend "${info.name}" is not available: ${info.reason ?? 'not ready'}.`,
      { params: { backend: info.name, reason: info.reason ?? 'not ready', case: 'notReady' } },
    );
  }
  const { maxSize, maxDurationSeconds } = info.capabilities;
  const { width, height } = shot.size;
  if (width > maxSize.width || height > maxSize.height) {
    throw new ShotlineError(
      'INVALID_SHOT',
      `Shot ${shot.shotId}: ${width}x${height} is larger than ${info.name}'s maximum ${maxSize.width}x${maxSize.height}.`,
      {
        params: {
          shotId: shot.shotId,
          width,
          height,
          backend: info.name,
          maxWidth: maxSize.width,
          maxHeight: maxSize.height,
          case: 'tooLarge',
        },
      },
    );
  }
  if (width % 2 || height % 2) {
    throw new ShotlineError(
      'INVALID_SHOT',
      `Shot ${shot.shotId}: width and height must be even for H.264 (got ${width}x${height}).`,
      { params: { shotId: shot.shotId, width, height, case: 'oddSize' } },
    );
  }
  if (shot.conditioning) plannedConditioningMode(shot, info);
  const frames = durationToFrames(shot.duration, shot.fps);
  const seconds = framesToSeconds(frames, shot.fps);
  if (seconds > maxDurationSeconds + 1e-9) {
    throw new ShotlineError(
      'INVALID_SHOT',
      `Shot ${shot.shotId}: ${seconds.toFixed(2)} s is longer than ${info.name}'s maximum of ${maxDurationSeconds} s.`,
      {
        params: {
          shotId: shot.shotId,
          seconds: seconds.toFixed(2),
          backend: info.name,
          max: maxDurationSeconds,
          case: 'tooLong',
        },
      },
    );
  }
  if (frames > TAKE_LIMITS.maxFrames) {
    throw new ShotlineError(
      'JOB_TOO_LARGE',
      `Shot ${shot.shotId}: ${frames} frames is more than one take may have (${TAKE_LIMITS.maxFrames}); lower the frame rate or split the shot.`,
      { params: { shotId: shot.shotId, frames, max: TAKE_LIMITS.maxFrames } },
    );
  }
  const pixelFrames = width * height * frames;
  if (pixelFrames > TAKE_LIMITS.maxPixelFrames) {
    throw new ShotlineError(
      'JOB_TOO_LARGE',
      `Shot ${shot.shotId}: ${frames} frames at ${width}x${height} is more work than one take may be (at most ${TAKE_LIMITS.maxPixelFrames / (1920 * 1080 * 24)} s of 1080p at 24 fps); make it smaller or shorter.`,
      {
        params: {
          shotId: shot.shotId,
          frames,
          width,
          height,
          seconds: TAKE_LIMITS.maxPixelFrames / (1920 * 1080 * 24),
          case: 'pixels',
        },
      },
    );
  }
  return frames;
}

/** The conditioning mode the backend will run for the shot; INVALID_SHOT when it cannot start from an image. */
export function plannedConditioningMode(shot: ShotRequest, info: BackendInfo): ConditioningMode | undefined {
  if (!shot.conditioning) return undefined;
  const mode = conditioningModeFor(shot.conditioning.mode, info.capabilities.conditioning);
  if (!mode) {
    throw new ShotlineError(
      'INVALID_SHOT',
      `Shot ${shot.shotId}: backend "${info.name}" cannot start a shot from an image; choose one that can (${shot.conditioning.mode} was asked for).`,
      { params: { shotId: shot.shotId, backend: info.name, mode: shot.conditioning.mode, case: 'noImage' } },
    );
  }
  return mode;
}
