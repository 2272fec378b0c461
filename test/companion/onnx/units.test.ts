// Small parts: option checks, fp16 bits, seeded noise, native size/frame planning.
import { resolveOnnxOptions } from '../../../companion/backends/onnx/options';
import { nativeFrames, nativeSize } from '../../../companion/backends/onnx/native-plan';
import { SeededRandom, seededLatents } from '../../../companion/backends/onnx/random';
import { fromHalfBits, toHalfBits } from '../../../companion/backends/onnx/tensors';
import { ModelManifestSchema, wanManifest } from '../../../shared/model-bundle';

test('options are checked together and name the option', () => {
  expect(resolveOnnxOptions({})).toMatchObject({
    provider: 'auto',
    residency: 'auto',
    quality: 'final',
    previewEvery: 5,
  });
  expect(() => resolveOnnxOptions({ quality: 'best' as never })).toThrow(
    'onnx: option "quality" must be one of draft, final, got "best"',
  );
  expect(() => resolveOnnxOptions({ steps: 0 })).toThrow(
    'onnx: option "steps" must be a whole number from 1 to 1000, got 0',
  );
  expect(() => resolveOnnxOptions({ residency: 'two' as never })).toThrow('option "residency"');
});

test('fp16 bits round-trip exactly representable values and round to nearest even', () => {
  for (const v of [0, 1, -2, 0.5, 65504, 2 ** -24, -0.333251953125])
    expect(fromHalfBits(toHalfBits(v))).toBe(v);
  expect(toHalfBits(1)).toBe(0x3c00);
  expect(toHalfBits(70000)).toBe(0x7c00);
  expect(toHalfBits(1 + 2 ** -11)).toBe(0x3c00); // tie -> even
  expect(toHalfBits(1 + 3 * 2 ** -11)).toBe(0x3c02);
  expect(Number.isNaN(fromHalfBits(toHalfBits(NaN)))).toBe(true);
});

test('seeded noise is deterministic and standard normal', () => {
  const a = seededLatents(42, [16, 5, 4, 6]);
  expect(Buffer.from(a.buffer).equals(Buffer.from(seededLatents(42, [16, 5, 4, 6]).buffer))).toBe(true);
  expect(a[0]).not.toBe(seededLatents(43, [1])[0]);
  const big = new SeededRandom(7).fillNormal(new Float32Array(200_000));
  const mean = big.reduce((s, v) => s + v, 0) / big.length;
  const variance = big.reduce((s, v) => s + (v - mean) ** 2, 0) / big.length;
  expect(Math.abs(mean)).toBeLessThan(0.01);
  expect(Math.abs(variance - 1)).toBeLessThan(0.02);
});

/** The generator as its header describes it (SplitMix32 seeding, xoshiro128**), one draw at a time. */
function referenceNormals(seed: number, n: number): Float32Array {
  let x = seed >>> 0;
  const state = Array.from({ length: 4 }, () => {
    x = (x + 0x9e3779b9) >>> 0;
    const z = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
    const y = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (y ^ (y >>> 16)) >>> 0;
  });
  const rotate = (v: number, k: number) => ((v << k) | (v >>> (32 - k))) >>> 0;
  const draw = () => {
    const [a, b, c, d] = state as [number, number, number, number];
    const out = Math.imul(rotate(Math.imul(b, 5), 7), 9) >>> 0;
    const c1 = (c ^ a) >>> 0;
    const d1 = (d ^ b) >>> 0;
    state.splice(0, 4, (a ^ d1) >>> 0, (b ^ c1) >>> 0, (c1 ^ (b << 9)) >>> 0, rotate(d1, 11));
    return out;
  };
  const uniform = () => ((draw() >>> 5) * 2 ** 26 + (draw() >>> 6)) / 2 ** 53;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - uniform()));
    const theta = 2 * Math.PI * uniform();
    out[i] = r * Math.cos(theta);
    if (i + 1 < n) out[i + 1] = r * Math.sin(theta);
  }
  return out;
}

test.each([1, 2, 2047, 2048, 2049, 4097, 10_001])(
  'seeded noise drawn in blocks is the one-draw-at-a-time sequence (%i values)',
  (n) => {
    for (const seed of [0, 42, 2 ** 32 - 1]) {
      const random = new SeededRandom(seed);
      const fast = random.fillNormal(new Float32Array(n));
      // The draw after the block goes on where the sequence does: a pair takes 4 outputs, even the last.
      const next = random.fillNormal(new Float32Array(2));
      const want = referenceNormals(seed, n + (n % 2) + 2);
      expect(Buffer.from(fast.buffer).equals(Buffer.from(want.buffer, 0, n * 4))).toBe(true);
      expect(Array.from(next)).toEqual(Array.from(want.subarray(-2)));
    }
  },
);

test('native plan: aspect-nearest size, enough 4n+1 frames, capped at the model maximum', () => {
  const m = ModelManifestSchema.parse(wanManifest('wan22-t2v-a14b'));
  expect(nativeSize(m, { width: 1920, height: 1080 })).toEqual({ width: 1280, height: 720 });
  expect(nativeSize(m, { width: 416, height: 240 })).toEqual({ width: 832, height: 480 });
  expect(nativeSize(m, { width: 1080, height: 1920 })).toEqual({ width: 720, height: 1280 });
  expect(nativeFrames(m, 48, { num: 24, den: 1 })).toBe(33); // 2 s -> 32 native -> 33
  expect(nativeFrames(m, 1, { num: 24, den: 1 })).toBe(1);
  expect(nativeFrames(m, 240, { num: 24, den: 1 })).toBe(81);
});
