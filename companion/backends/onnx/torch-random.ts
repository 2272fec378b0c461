// torch.manual_seed(seed) + torch.randn(shape) on the CPU in float32, value for value, so a take can start from the
// very noise Wan's own scripts draw for that seed.
//
// What torch does (aten/src/ATen/core/DistributionsHelper.h, aten/src/ATen/native/cpu/DistributionTemplates.h,
// https://github.com/pytorch/pytorch): the CPU generator is mt19937 seeded with the seed's low 32 bits.
// uniform_real_distribution<float> takes one 32-bit draw and keeps its low 24 bits (x & 0xffffff) · 2^-24.
// normal_fill (float, 16 or more elements, contiguous) first fills the whole tensor with those uniforms, then turns
// each block of 16 into normals by Box–Muller: u1 = 1 − d[j], u2 = d[j+8], r = sqrt(−2·log u1), θ = 2π·u2,
// d[j] = r·cos θ, d[j+8] = r·sin θ (j < 8); when the length is not a multiple of 16 the last 16 are drawn again
// and transformed once more. On x86 (AVX2 and AVX-512 builds) log and sincos are avx_mathfun's float32
// polynomials (avx-mathfun.ts); torch without AVX2 (ARM, ATEN_CPU_CAPABILITY=default) uses libm's logf/cosf/sinf
// instead, which differ from these in the last bit for about 1.5% of values.
// Fewer than 16 elements go through normal_distribution<double> one by one.
// Checked against real CPU torch: test/fixtures/torch-noise/ (tools/fidelity-vectors/) and the peer suite.
import { mersenne } from 'pure-rand';
import { logf, sincosf } from './avx-mathfun';

const TWO_POW_M24 = 2 ** -24;
const TWO_POW_M53 = 2 ** -53;
const f = Math.fround;
const TWO_PI = f(2 * Math.PI);

type Mt = ReturnType<typeof mersenne>;

/** One 24-bit float uniform in [0, 1), as at::uniform_real_distribution<float>(0, 1). */
function uniform24(mt: Mt): number {
  return ((mt.unsafeNext() >>> 0) & 0xffffff) * TWO_POW_M24;
}

/** Box–Muller over one block of 16 uniforms, in place (torch's normal_fill_16_AVX2, one lane at a time). */
function normalFill16(d: Float32Array, at: number, sc: Float32Array): void {
  for (let j = 0; j < 8; j++) {
    const u1 = f(1 - d[at + j]!);
    const radius = f(Math.sqrt(f(-2 * logf(u1))));
    sincosf(f(TWO_PI * d[at + j + 8]!), sc);
    d[at + j] = f(radius * sc[1]!);
    d[at + j + 8] = f(radius * sc[0]!);
  }
}

/** One double from two 32-bit draws, 53 bits kept: at::uniform_real_distribution<double>. */
function uniform53(mt: Mt): number {
  const hi = mt.unsafeNext() >>> 0;
  const lo = mt.unsafeNext() >>> 0;
  // random64() is (hi << 32) | lo; the low 53 bits of it, times 2^-53.
  return ((hi & 0x1fffff) * 4294967296 + lo) * TWO_POW_M53;
}

/** Short tensors: normal_distribution<double> per element, which caches the second Box–Muller value. */
function normalShort(mt: Mt, out: Float32Array): void {
  let cached: number | undefined;
  for (let i = 0; i < out.length; i++) {
    if (cached !== undefined) {
      out[i] = cached;
      cached = undefined;
      continue;
    }
    const u1 = uniform53(mt);
    const u2 = uniform53(mt);
    const r = Math.sqrt(-2 * Math.log1p(-u2));
    const theta = 2 * Math.PI * u1;
    cached = r * Math.sin(theta);
    out[i] = r * Math.cos(theta);
  }
}

/** Fills `out` with what `torch.manual_seed(seed); torch.randn(out.length)` gives on the CPU (float32). */
export function torchRandn(seed: number, out: Float32Array): Float32Array {
  const mt = mersenne(seed >>> 0);
  const n = out.length;
  if (n < 16) {
    normalShort(mt, out);
    return out;
  }
  const sc = new Float32Array(2);
  for (let i = 0; i < n; i++) out[i] = uniform24(mt);
  for (let i = 0; i + 16 <= n; i += 16) normalFill16(out, i, sc);
  if (n % 16 !== 0) {
    for (let i = n - 16; i < n; i++) out[i] = uniform24(mt);
    normalFill16(out, n - 16, sc);
  }
  return out;
}
