/** @jest-environment ./test/companion/onnx/ort-environment.js */
// The WebAssembly kernels (their committed bytes are checked in ../wasm-kernel-files.test.ts): a take decoded
// through the frame kernel (onnxruntime writing into its memory) gives the scalar path's frames, and the UniPC
// kernel steps the latents exactly as the scalar loop does.
import { OnnxBackend } from '../../../companion/backends/onnx/onnx-backend';
import { GuidanceKernel } from '../../../companion/backends/onnx/guidance-kernel';
import { SparePool, spareCount } from '../../../companion/util/spare-pool';
import { RgbaKernel } from '../../../companion/backends/onnx/rgba-kernel';
import { SeededRandom } from '../../../companion/backends/onnx/random';
import { flowSchedule } from '../../../companion/backends/onnx/schedulers/flow-schedule';
import { flowSolvers } from '../../../companion/backends/onnx/schedulers/flow-scheduler';
import { UniPCKernel } from '../../../companion/backends/onnx/schedulers/unipc-kernel';
import { collect, fakeContext, shot, tinyBundle } from './tiny-bundle';

test('a take gives its kernels back for the next; disposing the backend lets go of them', async () => {
  const b = await tinyBundle({ variant: 'wan22-t2v-a14b' });
  const backend = new OnnxBackend({ model: b.dir, provider: 'cpu', previewEvery: 0 });
  try {
    const result = await backend.generate({ shot: shot(), take: 1, seed: 3, frames: 24 }, fakeContext());
    if (result.media.kind !== 'frames') throw new Error('expected raw frames');
    await collect(result.media.frames);
    expect(spareCount()).toBeGreaterThan(0);
  } finally {
    await backend.dispose();
    b.cleanup();
  }
  expect(spareCount()).toBe(0);
});

test('the first decode at a size runs the scalar path, later ones the kernel, with identical frames', async () => {
  const b = await tinyBundle({ variant: 'wan22-t2v-a14b' });
  const backend = new OnnxBackend({ model: b.dir, provider: 'cpu', previewEvery: 0 });
  const converted = jest.spyOn(RgbaKernel.prototype, 'frame');
  try {
    const take = async () => {
      converted.mockClear();
      const result = await backend.generate({ shot: shot(), take: 1, seed: 11, frames: 24 }, fakeContext());
      if (result.media.kind !== 'frames') throw new Error('expected raw frames');
      const frames = await collect(result.media.frames);
      return { frames: Buffer.concat(frames), viaKernel: converted.mock.calls.length, count: frames.length };
    };
    const first = await take();
    const second = await take();
    // Take 1: init and the first step call learn their output shapes; the 3 step calls after go through the
    // kernel (4 frames each). Take 2: every frame does.
    expect([first.count, first.viaKernel, second.viaKernel]).toEqual([17, 12, 17]);
    expect(second.frames.equals(first.frames)).toBe(true);
    const all = new Set(second.frames);
    expect(all.has(0) && all.has(255) && all.size > 100).toBe(true);
  } finally {
    converted.mockRestore();
    await backend.dispose();
    b.cleanup();
  }
});

test.each([
  [40, 12],
  [4, 5],
])('UniPC in the kernel equals the scalar loop bit for bit (%i steps, shift %d)', (steps, shift) => {
  // An odd length has no kernel (two lanes a step), so the scalar loop runs it; elements are independent, so
  // the kernel's result over the first n − 1 must be the scalar one's.
  const n = 4097;
  const schedule = flowSchedule(steps, shift);
  const random = new SeededRandom(steps);
  const noise = (size: number) => random.fillNormal(new Float32Array(size));
  const scalar = noise(n);
  const simd = scalar.slice(0, n - 1);
  const [a, b] = [flowSolvers.unipc(schedule), flowSolvers.unipc(schedule)];
  const spies = [jest.spyOn(UniPCKernel.prototype, 'step'), jest.spyOn(UniPCKernel.prototype, 'first')];
  let viaKernel: number[];
  try {
    for (let i = 0; i < steps; i++) {
      // Model outputs over ±3 with some exact zeros, so order 1 and 2 and signed zeros are all exercised.
      const v = noise(n).map((x, k) => (k % 97 === 0 ? 0 : x * 1.5));
      a.step(v, scalar);
      b.step(v.subarray(0, n - 1), simd);
    }
    viaKernel = spies.map((spy) => spy.mock.calls.length);
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
  expect(viaKernel).toEqual([steps - 1, 1]);
  expect(Buffer.from(simd.buffer).equals(Buffer.from(scalar.buffer, 0, (n - 1) * 4))).toBe(true);
  expect(simd.some((x) => x !== 0)).toBe(true);
});

test.each([4, 3, 1, 0.5])(
  'guidance %d mixed in the kernel is the scalar vu + g·(vc − vu), bit for bit',
  (g) => {
    const n = 4096;
    const random = new SeededRandom(n);
    const kernel = GuidanceKernel.take(n)!;
    try {
      random.fillNormal(kernel.vc);
      random.fillNormal(kernel.vu).forEach((x, k, vu) => (vu[k] = k % 89 === 0 ? 0 : x * 3));
      const want = kernel.vu.map((u, k) => u + g * (kernel.vc[k]! - u));
      const mixed = kernel.mix(g);
      expect(mixed).toBe(kernel.vu);
      expect(Buffer.from(mixed.buffer, mixed.byteOffset, n * 4).equals(Buffer.from(want.buffer))).toBe(true);
    } finally {
      kernel.give();
    }
  },
);

test('an idle pool keeps only the latest size, so a daemon that changes size holds one size of memory', () => {
  const pool = new SparePool<{ size: number }>();
  pool.give(10, { size: 10 });
  pool.give(10, { size: 10 });
  pool.give(20, { size: 20 });
  expect(pool.idleCount).toBe(1);
  expect(pool.take(10, () => undefined)).toBeUndefined();
  expect(pool.take(20, () => undefined)).toEqual({ size: 20 });
});
