// Planning shots from gaps and markers: exact frame counts, reported misfits, long gaps split on request.
import type { MarkerLine, TimelineGap } from '../../plugin/host/host-adapter';
import {
  maxFramesFor,
  planAtMarkers,
  planGapFill,
  splitFrames,
} from '../../plugin/host/timeline/placement-plan';
import { framesToTicks } from '../../shared/timecode';

const NTSC = { num: 30000, den: 1001 };
const gap = (startFrame: number, frames: number, extraTicks = 0n): TimelineGap => ({
  trackIndex: 0,
  startTicks: framesToTicks(startFrame, NTSC).toString(),
  endTicks: (framesToTicks(startFrame + frames, NTSC) + extraTicks).toString(),
  frames,
});

describe('planGapFill', () => {
  it('fills a gap with one shot of exactly its frames', () => {
    const [verdict] = planGapFill([gap(10, 67)], NTSC, { maxFrames: 150, splitLong: false });
    expect(verdict).toEqual({
      status: 'fill',
      gap: gap(10, 67),
      shots: [{ startTicks: gap(10, 67).startTicks, frames: 67 }],
    });
  });

  it('reports a gap shorter than a frame and one longer than the backend allows', () => {
    const tiny: TimelineGap = { trackIndex: 0, startTicks: '0', endTicks: '1000', frames: 0 };
    const verdicts = planGapFill([tiny, gap(0, 151)], NTSC, { maxFrames: 150, splitLong: false });
    expect(verdicts.map((v) => v.status)).toEqual(['too-short', 'too-long']);
    expect(verdicts[1]).toMatchObject({
      reason: "151 frames is longer than the backend's 150; choose to fill it with several shots",
    });
  });

  it('splits a long gap into end-to-end shots that cover it exactly', () => {
    const long = gap(1000, 301);
    const [verdict] = planGapFill([long], NTSC, { maxFrames: 150, splitLong: true });
    if (verdict?.status !== 'fill') throw new Error('expected a fill');
    expect(verdict.shots.map((s) => s.frames)).toEqual([101, 100, 100]);
    const last = verdict.shots.at(-1);
    expect(BigInt(last?.startTicks ?? 0) + framesToTicks(last?.frames ?? 0, NTSC)).toBe(
      BigInt(long.endTicks),
    );
    expect(verdict.shots[1]?.startTicks).toBe(framesToTicks(1101, NTSC).toString());
  });

  it('splits frame counts evenly and converts a backend limit to sequence frames', () => {
    expect(splitFrames(10, 10)).toEqual([10]);
    expect(splitFrames(11, 10)).toEqual([6, 5]);
    expect(() => splitFrames(5, 0)).toThrow('maxFrames must be a positive integer');
    expect(maxFramesFor(5, NTSC)).toBe(149);
    expect(maxFramesFor(5, { num: 25, den: 1 })).toBe(125);
  });
});

describe('planAtMarkers', () => {
  it('uses the marker start, and its duration in frames when it has one', () => {
    const marker = (start: bigint, duration: bigint): MarkerLine => ({
      name: 'm',
      comments: '',
      startTicks: start.toString(),
      durationTicks: duration.toString(),
    });
    const tpf = framesToTicks(1, NTSC);
    const shots = planAtMarkers([marker(tpf * 30n, 0n), marker(tpf * 90n, tpf * 45n + tpf / 3n)], NTSC, 72);
    expect(shots).toEqual([
      { startTicks: (tpf * 30n).toString(), frames: 72 },
      { startTicks: (tpf * 90n).toString(), frames: 45 },
    ]);
  });
});
