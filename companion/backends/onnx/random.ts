// Seeded noise: xoshiro128** with SplitMix32 seeding and Box–Muller, so a seed gives the same fp32 latents everywhere.

const TWO_POW_M53 = 2 ** -53;

/** A small, fast, well-tested 32-bit generator; plain integer ops keep it bit-identical across platforms. */
export class SeededRandom {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    let x = seed >>> 0;
    const next = () => {
      // SplitMix32 spreads a small seed over the whole state.
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 bits. */
  nextFloat(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    // × 2^-53 is the division by 2^53 exactly, without the division.
    return (hi * 67108864 + lo) * TWO_POW_M53;
  }

  /** Fills with fp32 standard normal values (Box–Muller, both outputs used). */
  fillNormal(out: Float32Array): Float32Array {
    for (let i = 0; i < out.length; i += 2) {
      const u1 = 1 - this.nextFloat(); // (0, 1]: log stays finite
      const u2 = this.nextFloat();
      const r = Math.sqrt(-2 * Math.log(u1));
      const theta = 2 * Math.PI * u2;
      out[i] = r * Math.cos(theta);
      if (i + 1 < out.length) out[i + 1] = r * Math.sin(theta);
    }
    return out;
  }

  /** Fills with uniform values in [-scale, scale) (seeded test weights). */
  fillUniform(out: Float32Array, scale: number): Float32Array {
    for (let i = 0; i < out.length; i++) out[i] = (this.nextFloat() * 2 - 1) * scale;
    return out;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** The starting latents of a take: `[C, F, H, W]` standard normal noise from the seed. */
export function seededLatents(seed: number, shape: readonly number[]): Float32Array {
  const size = shape.reduce((a, b) => a * b, 1);
  return new SeededRandom(seed).fillNormal(new Float32Array(size));
}
