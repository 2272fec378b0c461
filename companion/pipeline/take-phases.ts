// What a take reports as it passes each stage of the pipeline, so the daemon can log a timeline of work.
import type { FitMode, RateMode } from '../media/conform-plan';

export type TakePhaseReport =
  /** The backend handed over its media; a frame stream is still being drawn while it encodes. */
  | { phase: 'backend'; ms: number; streamed: boolean }
  /** What ffmpeg is about to turn the media into: sizes and rates as WxH@num/den. */
  | {
      phase: 'conform';
      source: string;
      target: string;
      fit: FitMode;
      rateMode: RateMode;
      burnInLabel: boolean;
    }
  | { phase: 'encode'; ms: number; frames: number; codec: string }
  /** Probed, hashed, moved into place with its sidecar and poster. */
  | { phase: 'committed'; ms: number; path: string };

export const sizeAndRate = (m: { width: number; height: number; fps: { num: number; den: number } }) =>
  `${m.width}x${m.height}@${m.fps.num}/${m.fps.den}`;
