/** @jest-environment ./test/companion/onnx/ort-environment.js */
// The WebAssembly frame kernel: its committed bytes are what its .wat compiles to, and a take decoded through
// it (onnxruntime writing into the kernel's memory) gives the frames the scalar path gives.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OnnxBackend } from '../../../companion/backends/onnx/onnx-backend';
import { RGBA_WASM } from '../../../companion/backends/onnx/kernels/rgba-wasm';
import { RgbaKernel } from '../../../companion/backends/onnx/rgba-kernel';
import { compileWat, KERNELS_DIR } from '../../../scripts/wasm-kernels';
import { collect, fakeContext, shot, tinyBundle } from './tiny-bundle';

test('rgba-wasm.ts holds what rgba.wat compiles to (regenerate with scripts/wasm-kernels.ts)', async () => {
  const wat = join(__dirname, '..', '..', '..', KERNELS_DIR, 'rgba.wat');
  const bytes = await compileWat(wat, readFileSync(wat, 'utf8'));
  expect(Buffer.from(bytes).toString('base64')).toBe(RGBA_WASM);
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
