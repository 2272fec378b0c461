// Every frame of 24 hours at 29.97 and 59.94 drop-frame (and two hours of non-drop): ours against OpenTimelineIO's
// to_timecode / from_timecode and against the SMPTE counting rule.
import type { FrameRate } from '../../shared/protocol';
import { frameToTimecode, timecodeToFrame } from '../../shared/timecode';
import { odometer } from '../support/smpte-odometer';
import { buildOtioTimecode, otioLabels } from './otio-reference';

let binary: string;
beforeAll(() => {
  binary = buildOtioTimecode();
});

const DAY = 24 * 3600;

describe.each([
  ['29.97 DF', { num: 30000, den: 1001 }, true, 2_589_408, 2],
  ['59.94 DF', { num: 60000, den: 1001 }, true, 5_178_816, 4],
  // Non-drop is plain arithmetic; two hours of it are enough to show the two agree.
  ['23.976 NDF', { num: 24000, den: 1001 }, false, (24 * DAY) / 12, 0],
  ['25 NDF', { num: 25, den: 1 }, false, (25 * DAY) / 12, 0],
])('%s, every frame', (_name, rate: FrameRate, dropFrame: boolean, framesPerDay: number, drop: number) => {
  it('matches OpenTimelineIO frame by frame, and OTIO reads every label back exact', async () => {
    const wrong: string[] = [];
    const otioMismatches = await otioLabels(
      binary,
      rate.num / rate.den,
      dropFrame,
      framesPerDay,
      (frame, label) => {
        if (
          frameToTimecode(frame, rate, dropFrame) !== label ||
          timecodeToFrame(label, rate, dropFrame) !== frame
        ) {
          if (wrong.length < 5)
            wrong.push(`${frame}: OTIO ${label}, ours ${frameToTimecode(frame, rate, dropFrame)}`);
        }
      },
    );
    expect(wrong).toEqual([]);
    expect(otioMismatches).toBe(0);
  });

  it('matches the SMPTE counting rule', () => {
    let frame = 0;
    let mismatches = 0;
    for (const label of odometer(Math.round(rate.num / rate.den), drop, framesPerDay)) {
      if (frameToTimecode(frame++, rate, dropFrame) !== label) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});
