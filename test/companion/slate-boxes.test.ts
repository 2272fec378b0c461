// Where a right-aligned text changed between two frames: only the run of characters that differ, measured
// with metrics of a font whose glyphs all have the same advance (so the expected boxes are plain arithmetic).
import {
  EMPTY_BOX,
  hull,
  textBox,
  textChange,
  type InkMetrics,
  type PixelBox,
} from '../../companion/backends/slate/slate-boxes';

const ADVANCE = 10;
const ASCENT = 14;
/** Every glyph 10 px wide with 1 px of bearing each side; a space has no ink. */
function measure(text: string): InkMetrics {
  const width = text.length * ADVANCE;
  const inkLeft = text.search(/\S/);
  const inkRight = text.length - 1 - text.split('').reverse().join('').search(/\S/);
  if (inkLeft < 0) {
    return {
      width,
      actualBoundingBoxLeft: 0,
      actualBoundingBoxRight: 0,
      actualBoundingBoxAscent: 0,
      actualBoundingBoxDescent: 0,
    };
  }
  // Right-aligned at 0: the text spans -width..0.
  return {
    width,
    actualBoundingBoxLeft: width - inkLeft * ADVANCE - 1,
    actualBoundingBoxRight: -(width - (inkRight + 1) * ADVANCE + 1),
    actualBoundingBoxAscent: ASCENT,
    actualBoundingBoxDescent: 3,
  };
}

const RIGHT = 500;
const BASELINE = 100;
const RECT: PixelBox = [0, 0, 1000, 200];
const drawn = (text: string) => {
  const m = measure(text);
  return { text, width: m.width, box: textBox(m, RIGHT, BASELINE) };
};
const change = (before: string | undefined, now: string) =>
  textChange(before === undefined ? undefined : drawn(before), drawn(now), measure, [RIGHT, BASELINE], RECT);

describe('textChange', () => {
  test('the same text changed nowhere', () => {
    expect(change('FRAME 013 / 144', 'FRAME 013 / 144')).toEqual(EMPTY_BOX);
  });

  test('one changed digit: its own glyph and the bleed, not the rest of the line after it', () => {
    // "3" has six characters after it: it spans 500 - 70 .. 500 - 60, its ink 431..439.
    const box = change('FRAME 013 / 144', 'FRAME 014 / 144');
    expect(box).toEqual([431 - 2, BASELINE - ASCENT - 2, 8 + 4, ASCENT + 3 + 4]);
  });

  test('a carry changes the run from the first to the last differing digit', () => {
    // "0099" -> "0100": the run "099" -> "100", seven characters before the end: it spans 400..430.
    const box = change('FRAME 0099 / 1500', 'FRAME 0100 / 1500');
    const [x, , w] = box;
    expect([x, x + w]).toEqual([500 - 10 * 10 + 1 - 2, 500 - 7 * 10 - 1 + 2]);
  });

  test('a timecode turning a minute: the colons inside the run are in it too', () => {
    const box = change('00:00:59:23', '00:01:00:00');
    const [x, , w] = box;
    expect([x, x + w]).toEqual([500 - 7 * 10 + 1 - 2, 500 - 1 + 2]);
  });

  test('a text of another length or advance, or no text before: the whole of both', () => {
    /** The ink box grown by the 2 px bleed, in whole pixels. */
    const whole = (text: string): PixelBox => {
      const [x, y, w, h] = drawn(text).box;
      const [x0, y0] = [Math.floor(x) - 2, Math.floor(y) - 2];
      return [x0, y0, Math.ceil(x + w) + 2 - x0, Math.ceil(y + h) + 2 - y0];
    };
    expect(change('FRAME 9 / 10', 'FRAME 10 / 10')).toEqual(
      hull(whole('FRAME 10 / 10'), whole('FRAME 9 / 10')),
    );
    expect(change(undefined, 'FRAME 1 / 9')).toEqual(whole('FRAME 1 / 9'));
  });

  test('boxes stay inside the rectangle the card is put back in', () => {
    const [x, y, w, h] = textChange(
      drawn('FRAME 013 / 144'),
      drawn('FRAME 014 / 144'),
      measure,
      [RIGHT, BASELINE],
      [425, 90, 100, 100],
    );
    expect(x).toBeGreaterThanOrEqual(425);
    expect(y).toBeGreaterThanOrEqual(90);
    expect(x + w).toBeLessThanOrEqual(525);
    expect(y + h).toBeLessThanOrEqual(190);
  });
});
