// log and sincos in float32, operation for operation as avx_mathfun.h (Julien Pommier's Cephes port) that torch's
// CPU normal_fill_16_AVX2 calls (aten/src/ATen/native/cpu/avx_mathfun.h, https://github.com/pytorch/pytorch).
// torch's x86 wheels build those kernels with FMA contraction: each `a·b + c` below is one fused multiply-add,
// which JS gets exactly by doing it in double (a·b of two floats is exact there) and rounding once to float32.
// Checked bit for bit against torch 2.13 (AVX-512 CPU): test/fixtures/torch-noise/.

const f = Math.fround;
const word = new Float32Array(1);
const wordBits = new Int32Array(word.buffer);

function bitsOf(x: number): number {
  word[0] = x;
  return wordBits[0]!;
}

function floatOf(bits: number): number {
  wordBits[0] = bits;
  return word[0]!;
}

const MIN_NORM_POS = floatOf(0x00800000);
const HALF_BITS = bitsOf(0.5);
const SQRTHF = f(0.7071067811865476);
const LOG_P = [
  7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1,
  2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
].map(f);
const LOG_Q1 = f(-2.1219444e-4);
const LOG_Q2 = f(0.693359375);

/** log256_ps for one lane (x > 0). */
export function logf(input: number): number {
  let x = Math.max(input, MIN_NORM_POS);
  const exponent = (bitsOf(x) >>> 23) - 0x7f;
  x = floatOf((bitsOf(x) & ~0x7f800000) | HALF_BITS);
  let e = f(exponent + 1);
  const below = x < SQRTHF;
  const tmp = below ? x : 0;
  x = f(x - 1);
  if (below) e = f(e - 1);
  x = f(x + tmp);
  const z = f(x * x);
  let y = LOG_P[0]!;
  for (let k = 1; k < LOG_P.length; k++) y = f(y * x + LOG_P[k]!);
  y = f(y * x);
  // The build fuses y·z with the e·q1 term added next (found by matching torch's output bit for bit).
  y = f(y * z + f(e * LOG_Q1));
  y = f(-(z * 0.5) + y);
  x = f(x + y);
  return f(e * LOG_Q2 + x);
}

const FOPI = f(1.27323954473516);
const DP = [-0.78515625, -2.4187564849853515625e-4, -3.774894977445941e-8].map(f);
const COS_P = [2.443315711809948e-5, -1.388731625493765e-3, 4.166664568298827e-2].map(f);
const SIN_P = [-1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1].map(f);

/** sincos256_ps for one lane: writes [sin, cos] into `out`. */
export function sincosf(input: number, out: Float32Array): void {
  let x = Math.abs(input);
  const j = (Math.trunc(f(x * FOPI)) + 1) & ~1;
  const y = j;
  for (const dp of DP) x = f(y * dp + x);
  const z = f(x * x);
  let c = COS_P[0]!;
  c = f(c * z + COS_P[1]!);
  c = f(c * z + COS_P[2]!);
  c = f(c * z);
  c = f(c * z - f(z * 0.5));
  c = f(c + 1);
  let s = SIN_P[0]!;
  s = f(s * z + SIN_P[1]!);
  s = f(s * z + SIN_P[2]!);
  s = f(s * z);
  s = f(s * x + x);
  const sinPoly = (j & 2) === 0;
  const sin = sinPoly ? s : c;
  const cos = sinPoly ? c : s;
  const sinNegative = input < 0 !== ((j & 4) !== 0);
  const cosNegative = (~(j - 2) & 4) !== 0;
  out[0] = sinNegative ? -sin : sin;
  out[1] = cosNegative ? -cos : cos;
}
