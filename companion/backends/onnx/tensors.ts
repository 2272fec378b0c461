// Float tensors in whichever float type a graph declares: Node 20 has no Float16Array, so fp16 travels as bits.
import type { OrtModule, OrtTensor } from './ort-runtime';

export type FloatType = 'float32' | 'float16';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** fp32 -> IEEE half bits, round to nearest even, with subnormals, ±inf and NaN. */
export function toHalfBits(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    const half = mant >>> shift;
    const rest = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    return sign | (half + (rest > mid || (rest === mid && half & 1) ? 1 : 0));
  }
  const half = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  // A carry out of the mantissa rolls into the exponent, which is the right result.
  return sign | (half + (rest > 0x1000 || (rest === 0x1000 && half & 1) ? 1 : 0));
}

export function fromHalfBits(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

export function floatTensor(
  ort: OrtModule,
  type: FloatType,
  data: Float32Array,
  dims: readonly number[],
): OrtTensor {
  if (type === 'float32') return new ort.Tensor('float32', data, dims);
  const bits = new Uint16Array(data.length);
  for (let i = 0; i < data.length; i++) bits[i] = toHalfBits(data[i]!);
  return new ort.Tensor('float16', bits, dims);
}

/**
 * A float tensor allocated once per take and refilled in place every step, so the sampling loop makes no
 * garbage. fp32 graphs share `data` with the tensor (no copy); fp16 graphs convert through a bits array.
 */
export class FloatBuffer {
  readonly tensor: OrtTensor;
  private readonly bits: Uint16Array | undefined;

  constructor(
    ort: OrtModule,
    type: FloatType,
    readonly data: Float32Array,
    dims: readonly number[],
  ) {
    this.bits = type === 'float16' ? new Uint16Array(data.length) : undefined;
    this.tensor = this.bits
      ? new ort.Tensor('float16', this.bits, dims)
      : new ort.Tensor('float32', data, dims);
  }

  /** The tensor to feed, after `data` was written. */
  input(): OrtTensor {
    const { bits, data } = this;
    if (bits) for (let i = 0; i < data.length; i++) bits[i] = toHalfBits(data[i]!);
    return this.tensor;
  }

  /** `data` as fp32, after a run wrote the tensor (pre-allocated output). */
  output(): Float32Array {
    const { bits, data } = this;
    if (bits) for (let i = 0; i < data.length; i++) data[i] = fromHalfBits(bits[i]!);
    return data;
  }
}

/** A float output as fp32, whatever type the graph produced. */
export function readFloats(tensor: OrtTensor, label: string): Float32Array {
  if (tensor.type === 'float32') return tensor.data as Float32Array;
  if (tensor.type === 'float16') {
    const bits = tensor.data as Uint16Array;
    const out = new Float32Array(bits.length);
    for (let i = 0; i < bits.length; i++) out[i] = fromHalfBits(bits[i]!);
    return out;
  }
  throw new Error(`${label}: expected a float tensor, got ${tensor.type}`);
}

export const product = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);
