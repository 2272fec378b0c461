// Media the simulated host can "import": it cannot probe files, so lengths are registered up front.
import type { FrameRate } from '../../../shared/protocol';
import { TICKS_PER_SECOND } from '../../../shared/timecode';
import { normalizeMediaPath } from '../media-path';

export interface SimMediaInfo {
  frames: number;
  fps: FrameRate;
  /** Whether the file has an audio stream; the overwrite then also fills an audio track. */
  hasAudio?: boolean;
}

export function mediaLengthTicks(info: SimMediaInfo): bigint {
  // Floor division keeps the length exact for every rate whose frame is a whole number of ticks.
  return (BigInt(info.frames) * TICKS_PER_SECOND * BigInt(info.fps.den)) / BigInt(info.fps.num);
}

export class SimMediaRegistry {
  private readonly byPath = new Map<string, SimMediaInfo>();

  register(path: string, info: SimMediaInfo): void {
    if (!Number.isInteger(info.frames) || info.frames <= 0) {
      throw new RangeError(`registerMedia: frames must be a positive integer, got ${info.frames}`);
    }
    this.byPath.set(normalizeMediaPath(path), { ...info });
  }

  get(path: string): SimMediaInfo | undefined {
    return this.byPath.get(normalizeMediaPath(path));
  }
}
