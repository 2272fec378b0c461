// Exact frame-rate and tick arithmetic, including NTSC rates over long spans.
import {
  durationToFrames,
  formatTimecode,
  frameRateFromTimebase,
  framesToTicks,
  parseFrameRate,
  ticksPerFrame,
  ticksToFrames,
  TICKS_PER_SECOND,
} from '../../shared/timecode';

describe('frame rates', () => {
  test.each([
    ['24', { num: 24, den: 1 }],
    ['23.976', { num: 24000, den: 1001 }],
    ['23.98', { num: 24000, den: 1001 }],
    ['29.97', { num: 30000, den: 1001 }],
    ['59.94', { num: 60000, den: 1001 }],
    ['25', { num: 25, den: 1 }],
    ['30000/1001', { num: 30000, den: 1001 }],
    ['48/2', { num: 24, den: 1 }],
    ['12.5', { num: 25, den: 2 }],
  ])('parses %s', (text, rate) => expect(parseFrameRate(text)).toEqual(rate));

  test.each(['0', '-24', 'abc', '24fps', '1/0'])('refuses %s', (text) => {
    expect(() => parseFrameRate(text)).toThrow(/frame rate|positive/);
  });

  test('Premiere timebases map back to exact rates', () => {
    expect(frameRateFromTimebase('10594584000')).toEqual({ num: 24000, den: 1001 });
    expect(frameRateFromTimebase(10160640000n)).toEqual({ num: 25, den: 1 });
    expect(frameRateFromTimebase('8475667200')).toEqual({ num: 30000, den: 1001 });
  });
});

describe('ticks', () => {
  test('ticks per frame are whole for broadcast rates', () => {
    expect(ticksPerFrame({ num: 24000, den: 1001 })).toBe(10594584000n);
    expect(ticksPerFrame({ num: 60000, den: 1001 })).toBe(4237833600n);
  });

  test('no drift over a 10-hour 29.97 sequence', () => {
    const rate = { num: 30000, den: 1001 };
    const frames = 1_078_920; // 10 h of NTSC video
    const ticks = framesToTicks(frames, rate);
    expect(ticks * 30000n).toBe(BigInt(frames) * 1001n * TICKS_PER_SECOND);
    expect(ticksToFrames(ticks, rate)).toBe(frames);
    expect(ticksToFrames(ticks - 1n, rate)).toBe(frames - 1);
  });

  test('durations round to whole frames and never to zero', () => {
    expect(durationToFrames({ seconds: 6 }, { num: 24000, den: 1001 })).toBe(144);
    expect(durationToFrames({ seconds: 0.001 }, { num: 24, den: 1 })).toBe(1);
    expect(durationToFrames({ frames: 55 }, { num: 24, den: 1 })).toBe(55);
  });

  test('timecode', () => {
    expect(formatTimecode(0, { num: 24, den: 1 })).toBe('00:00:00:00');
    expect(formatTimecode(24 * 3661 + 5, { num: 24, den: 1 })).toBe('01:01:01:05');
    expect(formatTimecode(29, { num: 30000, den: 1001 })).toBe('00:00:00:29');
  });
});
