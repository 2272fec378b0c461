// A simulated sequence's start timecode and display format, set the way an editor sets them in Premiere.
import type { FrameRate } from '../../../shared/protocol';
import { framesToTicks, isDropFrameRate, nominalFps, timecodeToFrame } from '../../../shared/timecode';

/** Premiere's display code for a rate's usual timecode (see plugin/host/premiere/time-display.ts). */
function displayFor(rate: FrameRate, dropFrame: boolean): number {
  const fps = nominalFps(rate);
  if (rate.den === 1001) {
    if (fps === 24) return 110;
    if (fps === 30) return dropFrame ? 102 : 103;
    if (fps === 60) return dropFrame ? 106 : 107;
  }
  return ({ 24: 100, 25: 101, 30: 104, 50: 105, 60: 108, 48: 113 } as Record<number, number>)[fps] ?? 109;
}

export function simTimeDisplay(
  rate: FrameRate,
  startTimecode = '00:00:00:00',
  videoDisplayFormat?: number,
): { zeroPointTicks: bigint; videoDisplayFormat: number } {
  const dropFrame = /;\d+$/.test(startTimecode) && isDropFrameRate(rate);
  return {
    zeroPointTicks: framesToTicks(timecodeToFrame(startTimecode, rate, dropFrame), rate),
    videoDisplayFormat: videoDisplayFormat ?? displayFor(rate, dropFrame),
  };
}
