// Guidance's mix in WebAssembly SIMD (kernels/guidance.wat): the experts write their conditional and
// unconditional outputs straight into the kernel's memory, which mixes them in place, two lanes at a time.
import { GUIDANCE_WASM } from './kernels/guidance-wasm';
import { kernelExports, reserveBytes } from '../../util/wasm-kernels';
import { SparePool } from '../../util/spare-pool';

type Mix = (vc: number, vu: number, n: number, g: number) => void;

const pool = new SparePool<GuidanceKernel>();

export class GuidanceKernel {
  /** The experts' pre-allocated fp32 outputs (every expert's: each call's output is used before the next). */
  readonly vc: Float32Array;
  readonly vu: Float32Array;

  private constructor(
    private readonly mixer: Mix,
    buffer: ArrayBuffer,
    n: number,
  ) {
    this.vc = new Float32Array(buffer, 0, n);
    this.vu = new Float32Array(buffer, n * 4, n);
  }

  /** A kernel for n latents (even), or undefined where WebAssembly SIMD is missing; a given-back one if any. */
  static take(n: number): GuidanceKernel | undefined {
    return pool.take(n, () => {
      if (n % 2 !== 0) return undefined;
      const kernel = kernelExports<{ mix: Mix }>(GUIDANCE_WASM);
      if (!kernel) return undefined;
      const { memory, mix } = kernel;
      return new GuidanceKernel(mix, reserveBytes(memory, 2 * n * 4), n);
    });
  }

  /** vu = vu + g·(vc − vu), in place. */
  mix(guidance: number): Float32Array {
    this.mixer(this.vc.byteOffset, this.vu.byteOffset, this.vu.length, guidance);
    return this.vu;
  }

  /** For the next take of this size, once the take's sampling is done. */
  give(): void {
    pool.give(this.vu.length, this);
  }
}
