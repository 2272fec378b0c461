// Cutting text never splits a character: not a surrogate pair (𠮷, emoji), not a family emoji, not é + accent.
import { cutToLength, graphemes } from '../../../plugin/i18n/graphemes';
import { markersToSource } from '../../../plugin/ui/timeline-lines';

const hasLoneSurrogate = (text: string) =>
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

test('graphemes are what a reader counts as characters', () => {
  expect(graphemes('镜头𠮷👨‍👩‍👧é')).toEqual(['镜', '头', '𠮷', '👨‍👩‍👧', 'é']);
});

test('a cut to a code-unit limit keeps whole characters and stays within the limit', () => {
  const text = `${'镜'.repeat(3)}𠮷👨‍👩‍👧`;
  for (let max = 0; max <= text.length; max += 1) {
    const cut = cutToLength(text, max);
    expect(cut.length).toBeLessThanOrEqual(max);
    expect(hasLoneSurrogate(cut)).toBe(false);
    expect(text.startsWith(cut)).toBe(true);
  }
  expect(cutToLength(text, 4)).toBe('镜镜镜');
});

test('a long Chinese marker name becomes a shot id without half a character', () => {
  // 39 ideographs then 𠮷 (two code units) straddling the 40-unit id limit.
  const name = `${'场'.repeat(39)}𠮷尾`;
  const source = markersToSource([{ name, comments: '', startTicks: '0', durationTicks: '0' }]);
  const id = [...(source.shotIds?.values() ?? [])][0] ?? '';
  expect(id).toBe('场'.repeat(39));
  expect(hasLoneSurrogate(id)).toBe(false);
});
