// Drop-frame and start timecode against the SMPTE 12M rule: closed-form conversion vs. a frame-by-frame odometer.
import fc from 'fast-check';
import type { FrameRate } from '../../shared/protocol';
import { odometer } from '../support/smpte-odometer';
import {
  formatDuration,
  formatTimecode,
  frameToTimecode,
  parseTimecode,
  timecodeToFrame,
  TimecodeError,
} from '../../shared/timecode';

const NTSC30: FrameRate = { num: 30000, den: 1001 };
const NTSC60: FrameRate = { num: 60000, den: 1001 };
const RATES: FrameRate[] = [
  { num: 24000, den: 1001 },
  { num: 24, den: 1 },
  { num: 25, den: 1 },
  NTSC30,
  { num: 30, den: 1 },
  { num: 50, den: 1 },
  NTSC60,
  { num: 60, den: 1 },
  { num: 25, den: 2 },
];
const isDf = (r: FrameRate) => r.den === 1001 && (r.num === 30000 || r.num === 60000);

describe('SMPTE drop-frame', () => {
  // The whole 24 hours, and OpenTimelineIO's own code, run in `npm run test:reference`; here the first 21 minutes.
  test.each([
    [NTSC30, 2],
    [NTSC60, 4],
  ])('every frame of the first 21 minutes at %o matches the counting rule', (rate, drop) => {
    const fps = rate.num / 1000;
    let frame = 0;
    let mismatches = 0;
    for (const label of odometer(fps, drop, 21 * 60 * fps)) {
      if (frameToTimecode(frame, rate, true) !== label) mismatches++;
      if (timecodeToFrame(label, rate, true) !== frame) mismatches++;
      frame++;
    }
    expect(mismatches).toBe(0);
  });

  test('a day of drop-frame is 24 hours of labels', () => {
    expect(frameToTimecode(2_589_407, NTSC30, true)).toBe('23:59:59;29');
    expect(frameToTimecode(2_589_408, NTSC30, true)).toBe('24:00:00;00');
    expect(frameToTimecode(5_178_815, NTSC60, true)).toBe('23:59:59;59');
  });

  test('published anchor values', () => {
    expect(frameToTimecode(1800, NTSC30, true)).toBe('00:01:00;02');
    expect(frameToTimecode(17982, NTSC30, true)).toBe('00:10:00;00');
    expect(frameToTimecode(107892, NTSC30, true)).toBe('01:00:00;00');
    expect(frameToTimecode(3600, NTSC60, true)).toBe('00:01:00;04');
    expect(frameToTimecode(215784, NTSC60, true)).toBe('01:00:00;00');
    expect(frameToTimecode(107892, NTSC30, false)).toBe('00:59:56:12');
  });

  test('labels that drop-frame skips are refused with a sentence', () => {
    for (const text of ['00:01:00;00', '00:01:00;01', '01:09:00;01']) {
      expect(() => timecodeToFrame(text, NTSC30, true)).toThrow(/does not exist in drop-frame/);
    }
    expect(() => timecodeToFrame('00:01:00;03', NTSC60, true)).toThrow(/00–03 are skipped/);
    expect(timecodeToFrame('00:10:00;00', NTSC30, true)).toBe(17982);
    expect(timecodeToFrame('00:01:00;02', NTSC30, true)).toBe(1800);
  });

  test('drop-frame at a rate that has none is refused', () => {
    const err = (() => {
      try {
        frameToTimecode(10, { num: 25, den: 1 }, true);
      } catch (e) {
        return e as TimecodeError;
      }
      return null;
    })();
    expect(err?.code).toBe('TIMECODE_NOT_DROP_FRAME');
    expect(err?.message).toMatch(/only at 29.97 and 59.94/);
  });
});

describe('start timecode and round trips', () => {
  const style = (rate: FrameRate) =>
    fc.record({
      startFrame: fc.integer({ min: 0, max: 23 * 3600 * Math.round(rate.num / rate.den) }),
      dropFrame: isDf(rate) ? fc.boolean() : fc.constant(false),
    });
  const withRate = fc
    .constantFrom(...RATES)
    .chain((rate) =>
      fc.tuple(
        fc.constant(rate),
        style(rate),
        fc.integer({ min: 0, max: 3600 * Math.round(rate.num / rate.den) }),
      ),
    );

  test('frame → timecode → frame is exact for any rate, start and counting mode', () => {
    fc.assert(
      fc.property(withRate, ([rate, st, frame]) => {
        const text = formatTimecode(frame, rate, st);
        expect(parseTimecode(text, rate, st)).toBe(frame);
        expect(text.includes(';')).toBe(st.dropFrame);
      }),
      { numRuns: 2000 },
    );
  });

  test('consecutive frames never repeat or go backwards', () => {
    fc.assert(
      fc.property(withRate, ([rate, st, frame]) => {
        const a = formatTimecode(frame, rate, st).replace(';', ':');
        const b = formatTimecode(frame + 1, rate, st).replace(';', ':');
        expect(b > a || b.length > a.length).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test('a sequence starting at 01:00:00;00 shows its first frame as that label', () => {
    const st = { startFrame: timecodeToFrame('01:00:00;00', NTSC30, true), dropFrame: true };
    expect(formatTimecode(0, NTSC30, st)).toBe('01:00:00;00');
    expect(formatTimecode(1800, NTSC30, st)).toBe('01:01:00;02');
    expect(parseTimecode('01:00:10;00', NTSC30, st)).toBe(300);
    expect(() => parseTimecode('00:59:59;29', NTSC30, st)).toThrow(
      expect.objectContaining({
        code: 'TIMECODE_BEFORE_START',
        message: expect.stringMatching(/before the sequence starts at 01:00:00;00/),
        params: { text: '00:59:59;29', start: '01:00:00;00' },
      }),
    );
  });

  test('durations count from zero in the sequence mode, not from the start', () => {
    expect(formatDuration(1800, NTSC30, { startFrame: 107892, dropFrame: true })).toBe('00:01:00;02');
    expect(formatDuration(48, { num: 24, den: 1 }, { startFrame: 86400, dropFrame: false })).toBe(
      '00:00:02:00',
    );
  });

  test('bad input gets a stable code and a sentence', () => {
    expect(() => formatTimecode(-1, NTSC30)).toThrow(expect.objectContaining({ code: 'TIMECODE_NEGATIVE' }));
    for (const text of ['', '12', 'ab:cd:ef:gh']) {
      expect(() => timecodeToFrame(text, NTSC30)).toThrow(
        expect.objectContaining({ code: 'TIMECODE_INVALID', params: { text } }),
      );
    }
    for (const text of ['00:00:00:30', '00:60:00:00']) {
      expect(() => timecodeToFrame(text, NTSC30)).toThrow(
        expect.objectContaining({ code: 'TIMECODE_OUT_OF_RANGE', params: { text, lastFrame: 29 } }),
      );
    }
    expect(() => timecodeToFrame('00:01:00;00', NTSC30, true)).toThrow(
      expect.objectContaining({
        code: 'TIMECODE_DROPPED_LABEL',
        params: { text: '00:01:00;00', lastSkipped: '01' },
      }),
    );
  });
});
