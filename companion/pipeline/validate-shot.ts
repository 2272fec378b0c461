// Checks a shot against what its backend can do, before any work is queued.
import { ShotlineError, type BackendInfo, type ShotRequest } from '../../shared/protocol';
import { durationToFrames, framesToSeconds } from '../../shared/timecode';

export function validateShotForBackend(shot: ShotRequest, info: BackendInfo): number {
  if (!info.available) {
    throw new ShotlineError(
      'UNKNOWN_BACKEND',
      `Backend "${info.name}" is not available: ${info.reason ?? 'not ready'}.`,
    );
  }
  const { maxSize, maxDurationSeconds } = info.capabilities;
  const { width, height } = shot.size;
  if (width > maxSize.width || height > maxSize.height) {
    throw new ShotlineError(
      'INVALID_SHOT',
      `Shot ${shot.shotId}: ${width}x${height} is larger than ${info.name}'s maximum ${maxSize.width}x${maxSize.height}.`,
    );
  }
  if (width % 2 || height % 2) {
    throw new ShotlineError(
      'INVALID_SHOT',
      `Shot ${shot.shotId}: width and height must be even for H.264 (got ${width}x${height}).`,
    );
  }
  const frames = durationToFrames(shot.duration, shot.fps);
  const seconds = framesToSeconds(frames, shot.fps);
  if (seconds > maxDurationSeconds + 1e-9) {
    throw new ShotlineError(
      'INVALID_SHOT',
      `Shot ${shot.shotId}: ${seconds.toFixed(2)} s is longer than ${info.name}'s maximum of ${maxDurationSeconds} s.`,
    );
  }
  return frames;
}
