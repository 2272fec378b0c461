// Gap filling is frame-exact at every common rate: the placed clip's start and end ticks are the gap's.
import type { FrameRate } from '../../shared/protocol';
import { framesToTicks } from '../../shared/timecode';
import { planGapFill } from '../../plugin/host/timeline/placement-plan';
import { setUp } from './sim-fixture';

const RATES: [string, FrameRate][] = [
  ['23.976', { num: 24000, den: 1001 }],
  ['24', { num: 24, den: 1 }],
  ['25', { num: 25, den: 1 }],
  ['29.97', { num: 30000, den: 1001 }],
  ['59.94', { num: 60000, den: 1001 }],
];

// Odd lengths, including one of a single frame, and clips far into a long sequence (drift would show there).
const GAPS = [
  { after: 3, frames: 1 },
  { after: 13, frames: 37 },
  { after: 1_000_003, frames: 101 },
  { after: 7, frames: 2 * 24 + 7 },
];

describe.each(RATES)('gap fill at %s fps', (_label, rate) => {
  it('places each clip exactly in its gap, in one undo step', async () => {
    const { sim, adapter } = setUp(rate);
    let cursor = 0;
    const expected: { start: bigint; end: bigint }[] = [];
    for (const [i, gap] of GAPS.entries()) {
      const clipStart = cursor + gap.after;
      sim.addClip(0, {
        name: `user-${i}`,
        startTicks: framesToTicks(cursor, rate),
        endTicks: framesToTicks(clipStart, rate),
      });
      expected.push({
        start: framesToTicks(clipStart, rate),
        end: framesToTicks(clipStart + gap.frames, rate),
      });
      cursor = clipStart + gap.frames;
    }
    sim.addClip(0, {
      name: 'tail',
      startTicks: framesToTicks(cursor, rate),
      endTicks: framesToTicks(cursor + 5, rate),
    });

    const gaps = (await adapter.findGaps(0)).filter((gap) => gap.frames > 0);
    expect(gaps.map((g) => [BigInt(g.startTicks), BigInt(g.endTicks)])).toEqual(
      expected.map((e) => [e.start, e.end]),
    );
    expect(gaps.map((g) => g.frames)).toEqual(GAPS.map((g) => g.frames));

    const verdicts = planGapFill(gaps, rate, { maxFrames: 1000, splitLong: false });
    const requests = verdicts.flatMap((v, i) =>
      v.status === 'fill'
        ? v.shots.map((shot) => ({
            path: `/out/gap-${i}.mov`,
            shotId: `G${i}`,
            name: `G${i}`,
            startTicks: shot.startTicks,
            frames: shot.frames,
            fps: rate,
            track: { kind: 'index' as const, index: 0 },
          }))
        : [],
    );
    const placed = await adapter.placeClips(requests);
    expect(placed.map((p) => [p.trackIndex, p.startTicks, p.endTicks])).toEqual(
      expected.map((e) => [0, e.start.toString(), e.end.toString()]),
    );
    // The user's clips are untouched and the track has no holes left.
    expect((await adapter.findGaps(0)).filter((g) => g.frames > 0)).toEqual([]);
    expect(sim.snapshot().videoTracks[0]?.filter((c) => c.name.startsWith('user-'))).toHaveLength(
      GAPS.length,
    );
    expect(sim.snapshot().undoStack.at(-1)).toBe('Shotline: place G0, G1, G2 and 1 more');
    sim.undo();
    expect(sim.snapshot().videoTracks[0]).toHaveLength(GAPS.length + 1);
  });
});
