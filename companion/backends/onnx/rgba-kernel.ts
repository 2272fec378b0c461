// VAE output -> RGBA in WebAssembly SIMD: onnxruntime writes the floats into the kernel's memory, the kernel
// converts four pixels per instruction (about 4x the scalar loop, which was a third of a small take's JS).
import { kernelExports, reserveBytes } from '../../util/wasm-kernels';
import { SparePool } from '../../util/spare-pool';
import { RGBA_WASM } from './kernels/rgba-wasm';

type Convert = (r: number, g: number, b: number, dst: number, pixels: number) => void;

/**
 * One decoder output's floats and one RGBA frame, side by side in a wasm memory. A decode holds a kernel for
 * its whole run (`takeKernel`/`giveKernel`), so concurrent decodes never share one, and the next take reuses
 * its pages instead of faulting in fresh ones.
 */
export class RgbaKernel {
  /** Where onnxruntime writes the decoder's [1,3,k,H,W] output (pre-allocated output tensor). */
  video = new Float32Array(0);
  /** The frame the consumer gets: valid until it asks for the next one. */
  rgba = new Uint8Array(0);

  private constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly convert: Convert,
  ) {}

  static create(): RgbaKernel | undefined {
    const kernel = kernelExports<{ rgba: Convert }>(RGBA_WASM);
    return kernel && new RgbaKernel(kernel.memory, kernel.rgba);
  }

  /** Views for `floats` decoder values and a `pixels` frame; growing the memory detaches older views. */
  reserve(floats: number, pixels: number): void {
    if (this.video.length === floats && this.rgba.length === pixels * 4) return;
    const rgbaAt = Math.ceil((floats * 4) / 16) * 16;
    const buffer = reserveBytes(this.memory, rgbaAt + pixels * 4);
    this.video = new Float32Array(buffer, 0, floats);
    this.rgba = new Uint8Array(buffer, rgbaAt, pixels * 4);
  }

  /** Frame j of the `frames` in `video` (planar, [3, frames, plane]) as RGBA; plane must be a multiple of 4. */
  frame(frames: number, j: number, plane: number): Uint8Array {
    const at = (c: number) => (c * frames + j) * plane * 4;
    this.convert(at(0), at(1), at(2), this.rgba.byteOffset, plane);
    return this.rgba;
  }
}

/** One size for all: a kernel's views are resized for each decode. */
const pool = new SparePool<RgbaKernel>();

/** A kernel for one decode, or undefined where WebAssembly SIMD is missing. */
export function takeKernel(): RgbaKernel | undefined {
  return pool.take(0, () => RgbaKernel.create());
}

export function giveKernel(kernel: RgbaKernel): void {
  pool.give(0, kernel);
}
