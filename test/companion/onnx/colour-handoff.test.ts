// The ONNX backend's frame path: known RGB as the VAE emits it ([-1, 1] floats, unclamped), through toRgba
// and the media stage, decodes as Premiere decodes HD within 3 code values, tagged BT.709.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RawFrameSource } from '../../../companion/backends/backend';
import { RgbaKernel } from '../../../companion/backends/onnx/rgba-kernel';
import { toRgba } from '../../../companion/backends/onnx/vae-decode';
import { encodeClip } from '../../../companion/media/encode';
import { encoders } from '../../../companion/media/encoders';
import { chartFrame, chartMisses, colourTags, decodeAsPremiere } from '../../support/colour-chart';

const W = 320;
const H = 176;
const FRAMES = 2;

/** The chart as a [1, 3, F, H, W] decoder output: x = v / 127.5 − 1, with white and black overshooting. */
function vaeOutput(): Float32Array {
  const rgba = chartFrame(W, H);
  const plane = W * H;
  const video = new Float32Array(3 * FRAMES * plane);
  for (let c = 0; c < 3; c++) {
    for (let f = 0; f < FRAMES; f++) {
      for (let p = 0; p < plane; p++) {
        const v = rgba[p * 4 + c]!;
        // The decoder's output is not clamped: saturated values come out past ±1.
        video[(c * FRAMES + f) * plane + p] = v === 255 ? 1.2 : v === 0 ? -1.15 : v / 127.5 - 1;
      }
    }
  }
  return video;
}

test('VAE floats to RGBA to BT.709 H.264: the chart survives', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shotline-onnx-colour-'));
  try {
    const video = vaeOutput();
    async function* frames() {
      for (let j = 0; j < FRAMES; j++) yield toRgba(video, FRAMES, j, W, H);
    }
    const media: RawFrameSource = {
      kind: 'frames',
      width: W,
      height: H,
      fps: { num: 16, den: 1 },
      frameCount: FRAMES,
      frames: frames(),
    };
    const out = join(dir, 'onnx.mp4');
    const colour = await encodeClip(
      media,
      { width: W, height: H, fps: { num: 16, den: 1 }, frames: FRAMES, fit: 'fit', rateMode: 'duplicate' },
      encoders.h264,
      out,
      { signal: new AbortController().signal },
    );
    expect(colourTags(out)).toEqual({ matrix: 'bt709', primaries: 'bt709', transfer: 'bt709', range: 'tv' });
    expect(chartMisses(decodeAsPremiere(out))).toEqual([]);
    expect(colour.source).toBe('frames');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** One planar frame through the WebAssembly kernel: the floats written into its memory, as onnxruntime does. */
function kernelRgba(video: Float32Array, plane: number): Uint8Array {
  const kernel = RgbaKernel.create()!;
  kernel.reserve(video.length, plane);
  kernel.video.set(video);
  kernel.rgba.fill(7);
  return kernel.frame(1, 0, plane).slice();
}

test.each([
  [
    'toRgba',
    (video: Float32Array, plane: number) => toRgba(video, 1, 0, plane, 1, new Uint8Array(plane * 4).fill(7)),
  ],
  ['the WebAssembly kernel', kernelRgba],
])('%s is round(((clamp(x, −1, 1) + 1) / 2) · 255) for every value, edge cases included', (_, convert) => {
  const edges = [
    0,
    -0,
    1,
    -1,
    0.996,
    -0.996,
    1 + 2 ** -23,
    -1 - 2 ** -23,
    2 ** 24,
    -(2 ** 24),
    2 ** 25,
    -(2 ** 25),
    3e9,
  ];
  const specials = [NaN, Infinity, -Infinity, 1e-40, -1e-40, ...edges];
  // x at and either side of every k/255 (the code boundaries are at even k), plus seeded values over ±1.3.
  const values: number[] = [...specials];
  for (let k = -260; k <= 260; k++) for (const d of [-1e-6, 0, 1e-6]) values.push(k / 255 + d);
  let seed = 12345;
  // A whole number of pixels, four at a time (the kernel's step).
  while (values.length % 12 !== 0 || values.length < 30_000) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    values.push((seed / 2 ** 32) * 2.6 - 1.3);
  }
  const plane = values.length / 3;
  // One frame, planar: R values, then G, then B.
  const video = Float32Array.from(values);
  const rgba = convert(video, plane);
  const want = (x: number) => {
    const byte = Math.round(((Math.min(1, Math.max(-1, x)) + 1) / 2) * 255);
    return Number.isNaN(byte) ? 0 : byte;
  };
  const wrong: string[] = [];
  for (let p = 0; p < plane; p++)
    for (let c = 0; c < 3; c++) {
      const x = video[c * plane + p]!;
      if (rgba[p * 4 + c] !== want(x)) wrong.push(`${x} -> ${rgba[p * 4 + c]}, want ${want(x)}`);
    }
  expect(wrong).toEqual([]);
  expect(new Set(Array.from({ length: plane }, (_, p) => rgba[p * 4 + 3]))).toEqual(new Set([255]));
});
