// Variant matrix: counts, labels, placeholder and field substitution, and the cap.
import {
  ShotDescriptionSchema,
  VariantError,
  countVariants,
  expandVariants,
  normalizeVariantMatrix,
} from '../../../shared/shots';

const coatShot = ShotDescriptionSchema.parse({
  subject: { who: 'Kai', wardrobe: '{coat colour} trench coat' },
  action: 'Kai, in his {coat colour} coat, leaps between roofs.',
  camera: { shotSize: 'medium shot' },
});

describe('countVariants', () => {
  it('multiplies value counts and seeds without expanding', () => {
    expect(
      countVariants({
        variables: { 'coat colour': ['black', 'blue', 'red'], camera: ['wide', 'close'] },
        seeds: [1, 2],
      }),
    ).toBe(12);
    expect(countVariants({ seeds: [5] })).toBe(1);
    expect(countVariants({})).toBe(1);
  });
});

describe('expandVariants', () => {
  it('substitutes placeholders and overrides fields, labelling each take', () => {
    const takes = expandVariants(coatShot, {
      variables: [
        { name: 'coat colour', values: ['black', 'blue', 'red'] },
        { name: 'camera', values: ['wide shot', 'close-up'] },
      ],
      seeds: [7],
    });
    expect(takes.map((take) => take.label)).toEqual([
      'coat colour: black · camera: wide shot · seed 7',
      'coat colour: black · camera: close-up · seed 7',
      'coat colour: blue · camera: wide shot · seed 7',
      'coat colour: blue · camera: close-up · seed 7',
      'coat colour: red · camera: wide shot · seed 7',
      'coat colour: red · camera: close-up · seed 7',
    ]);
    expect(takes[3]!.values).toEqual({ 'coat colour': 'blue', camera: 'close-up' });
    expect(takes[3]!.description.subject.wardrobe).toBe('blue trench coat');
    expect(takes[3]!.description.action).toBe('Kai, in his blue coat, leaps between roofs.');
    expect(takes[3]!.description.camera.shotSize).toBe('close-up');
    expect(coatShot.action).toContain('{coat colour}');
  });

  it('puts seeds innermost and accepts field paths and Chinese labels', () => {
    const takes = expandVariants(coatShot, {
      variables: { 'camera.angle': ['low angle'], 天气: ['雨', '雪'] },
      seeds: [1, 2],
    });
    expect(
      takes.map((take) => [take.label, take.seed, take.description.weather, take.description.camera.angle]),
    ).toEqual([
      ['camera.angle: low angle · 天气: 雨 · seed 1', 1, '雨', 'low angle'],
      ['camera.angle: low angle · 天气: 雨 · seed 2', 2, '雨', 'low angle'],
      ['camera.angle: low angle · 天气: 雪 · seed 1', 1, '雪', 'low angle'],
      ['camera.angle: low angle · 天气: 雪 · seed 2', 2, '雪', 'low angle'],
    ]);
  });

  it('throws TOO_MANY_VARIANTS past the cap, before expanding', () => {
    const matrix = {
      variables: { 'coat colour': ['black', 'blue', 'red'] },
      seeds: [1, 2, 3, 4],
      maxTakes: 10,
    };
    expect(() => expandVariants(coatShot, matrix)).toThrow(
      '3 coat colour × 4 seeds = 12 takes, more than maxTakes (10); remove values or raise maxTakes',
    );
    try {
      expandVariants(coatShot, matrix);
    } catch (error) {
      expect(error).toBeInstanceOf(VariantError);
      expect((error as VariantError).code).toBe('TOO_MANY_VARIANTS');
    }
    expect(expandVariants(coatShot, { ...matrix, maxTakes: 12 })).toHaveLength(12);
  });

  it('rejects a variable that is neither a placeholder nor a field', () => {
    expect(() => expandVariants(coatShot, { variables: { mood: ['calm'] } })).toThrow(
      /^variable "mood" is neither a \{mood\} placeholder in the shot's text nor a field \(fields: subject\.who, /,
    );
  });

  it('rejects bad matrices with a message naming the problem', () => {
    expect(() => normalizeVariantMatrix({ variables: { x: [] } })).toThrow(
      'variant matrix variables.0.values:',
    );
    expect(() => normalizeVariantMatrix({ seeds: [-1] })).toThrow('variant matrix seeds.0:');
    expect(() =>
      normalizeVariantMatrix({
        variables: [
          { name: 'a', values: ['1'] },
          { name: 'a', values: ['2'] },
        ],
      }),
    ).toThrow('variable "a" is given twice');
  });
});
