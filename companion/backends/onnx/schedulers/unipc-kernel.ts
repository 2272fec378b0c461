// UniPC's per-element pass in WebAssembly SIMD (kernels/unipc.wat): the latents and the solver's history in
// the kernel's memory, two lanes of the scalar loop's exact f64 arithmetic per instruction.
import { kernelExports, reserveBytes } from '../../../util/wasm-kernels';
import { SparePool } from '../../../util/spare-pool';
import { UNIPC_WASM } from '../kernels/unipc-wasm';

type Step = (x: number, v: number, m0: number, m1: number, last: number, n: number, ...k: number[]) => void;
type First = (x: number, v: number, m1: number, last: number, n: number, ...k: number[]) => void;

const pool = new SparePool<UniPCKernel>();

/** The corrector's and predictor's scalars of one step, in the kernel's parameter order. */
export interface StepScalars {
  sigma: number;
  cRatio: number;
  cPhi: number;
  cB: number;
  rhoT: number;
  rhoD: number;
  cRk: number;
  pRatio: number;
  pPhi: number;
  pC: number;
  pRk: number;
}

/**
 * x and v are copied in and x out each step (0.01 ms for a 384x256 take's latents, against the ~1 ms the
 * scalar pass took); the two history arrays and the last corrected sample stay in the kernel's memory.
 */
export class UniPCKernel {
  readonly x: Float32Array;
  readonly v: Float32Array;
  /** The solver's history, swapped between steps by the solver as its own arrays were. */
  readonly history: [Float32Array, Float32Array, Float32Array];

  private constructor(
    private readonly run: { step: Step; first: First },
    buffer: ArrayBuffer,
    n: number,
  ) {
    const at = (i: number) => new Float32Array(buffer, i * n * 4, n);
    [this.x, this.v] = [at(0), at(1)];
    this.history = [at(2), at(3), at(4)];
  }

  /** A kernel for n latents (even), or undefined where WebAssembly SIMD is missing; a given-back one if any. */
  static take(n: number): UniPCKernel | undefined {
    return pool.take(n, () => {
      if (n % 2 !== 0) return undefined;
      const kernel = kernelExports<{ step: Step; first: First }>(UNIPC_WASM);
      if (!kernel) return undefined;
      const { memory, step, first } = kernel;
      return new UniPCKernel({ step, first }, reserveBytes(memory, 5 * n * 4), n);
    });
  }

  /** For the next take of this size, once this solver has made its last step. */
  give(): void {
    pool.give(this.x.length, this);
  }

  /** correctAndPredict over the kernel's x and v with history arrays m0, m1 and last (from `history`). */
  step(m0: Float32Array, m1: Float32Array, last: Float32Array, s: StepScalars): void {
    const { x, v } = this;
    this.run.step(
      x.byteOffset,
      v.byteOffset,
      m0.byteOffset,
      m1.byteOffset,
      last.byteOffset,
      x.length,
      s.sigma,
      s.cRatio,
      s.cPhi,
      s.cB,
      s.rhoT,
      s.rhoD,
      s.cRk,
      s.pRatio,
      s.pPhi,
      s.pC,
      s.pRk,
    );
  }

  /** predictFirst over the kernel's x and v. */
  first(m1: Float32Array, last: Float32Array, sigma: number, ratio: number, aPhi: number): void {
    const { x, v } = this;
    this.run.first(x.byteOffset, v.byteOffset, m1.byteOffset, last.byteOffset, x.length, sigma, ratio, aPhi);
  }
}
