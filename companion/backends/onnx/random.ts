// Seeded noise: xoshiro128** with SplitMix32 seeding and Box–Muller, so a seed gives the same fp32 latents everywhere.

const TWO_POW_M53 = 2 ** -53;
/** Box–Muller pairs drawn per block of generator outputs. */
const BLOCK_PAIRS = 1024;

/** Uniform in [0, 1) from two outputs: their top 27 and 26 bits; × 2^-53 is the division, exactly. */
const float53 = (a: number, b: number) => ((a >>> 5) * 67108864 + (b >>> 6)) * TWO_POW_M53;

/** A small, fast, well-tested 32-bit generator; plain integer ops keep it bit-identical across platforms. */
export class SeededRandom {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  /** Scratch for the single draws. */
  private readonly one = new Uint32Array(1);
  private readonly two = new Uint32Array(2);

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
    return this.fillUint32(this.one)[0]!;
  }

  /**
   * The next out.length outputs. The state lives in locals for the loop: kept in the object's fields, its
   * loads and stores were a third of drawing a take's noise.
   */
  fillUint32(out: Uint32Array): Uint32Array {
    let { s0, s1, s2, s3 } = this;
    for (let i = 0; i < out.length; i++) {
      out[i] = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotl(s3, 11);
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
    return out;
  }

  /** Uniform in [0, 1) with 53 bits. */
  nextFloat(): number {
    const u = this.fillUint32(this.two);
    return float53(u[0]!, u[1]!);
  }

  /** Fills with fp32 standard normal values (Box–Muller, both outputs used; 4 draws per pair). */
  fillNormal(out: Float32Array): Float32Array {
    const block = new Uint32Array(4 * BLOCK_PAIRS);
    for (let i = 0; i < out.length;) {
      const pairs = Math.min(BLOCK_PAIRS, Math.ceil((out.length - i) / 2));
      const u = this.fillUint32(pairs === BLOCK_PAIRS ? block : block.subarray(0, 4 * pairs));
      for (let p = 0; p < 4 * pairs; p += 4, i += 2) {
        const u1 = 1 - float53(u[p]!, u[p + 1]!); // (0, 1]: log stays finite
        const u2 = float53(u[p + 2]!, u[p + 3]!);
        const r = Math.sqrt(-2 * Math.log(u1));
        const theta = 2 * Math.PI * u2;
        out[i] = r * Math.cos(theta);
        if (i + 1 < out.length) out[i + 1] = r * Math.sin(theta);
      }
    }
    return out;
  }

  /** Fills with uniform values in [-scale, scale) (seeded test weights); 2 draws per value. */
  fillUniform(out: Float32Array, scale: number): Float32Array {
    const block = new Uint32Array(4 * BLOCK_PAIRS);
    for (let i = 0; i < out.length;) {
      const values = Math.min(2 * BLOCK_PAIRS, out.length - i);
      const u = this.fillUint32(values === 2 * BLOCK_PAIRS ? block : block.subarray(0, 2 * values));
      for (let p = 0; p < 2 * values; p += 2, i++) out[i] = (float53(u[p]!, u[p + 1]!) * 2 - 1) * scale;
    }
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
