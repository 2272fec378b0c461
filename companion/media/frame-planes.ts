// A frame's RGBA and its yuv420p side by side in one WebAssembly memory (kernels/yuv420.wat), so the caller
// draws into the kernel's own bytes and the encoder reads its own: nothing is copied in or out, and the
// conversion runs two f64 lanes at a time with rgbaToYuv420's exact results. Where WebAssembly SIMD is
// missing the same interface runs rgbaToYuv420 over plain arrays.
import { kernelInstance, reserveBytes } from '../util/wasm-kernels';
import { SparePool } from '../util/spare-pool';
import { YUV420_WASM } from './kernels/yuv420-wasm';
import { chromaReach, rgbaToYuv420, yuv420Bytes, YUV420_WEIGHTS, type PixelRect } from './yuv420';

export interface FramePlanes {
  /** width*height*4, opaque RGBA; the caller writes pixels here. Holds whatever the last user left. */
  readonly rgba: Uint8Array;
  /** yuv420Bytes(width, height). Holds whatever the last user left until a whole-frame convert. */
  readonly yuv: Uint8Array;
  /** yuv of rgba inside rect (default whole frame); same contract as rgbaToYuv420's rect. */
  convert(rect?: PixelRect): void;
  /**
   * Gives the memory back for the next frame of this size (pool: latest size only). Afterwards this object's
   * rgba, yuv, convert and release throw; views taken from it before must not be used either, as the next
   * framePlanes of this size writes into the same bytes.
   */
  release(): void;
}

interface Planes {
  readonly rgba: Uint8Array;
  readonly yuv: Uint8Array;
  convert(rect: PixelRect): void;
}

type Luma = (px: number, dst: number, width: number, rx: number, ry: number, rw: number, rh: number) => void;
type Chroma = (
  px: number,
  u: number,
  v: number,
  hu: number,
  hv: number,
  width: number,
  height: number,
  cx0: number,
  cy0: number,
  cx1: number,
  cy1: number,
) => void;

const WEIGHTS_BYTES = 128;
// The kernel's 16-byte loads may run this far past the last pixel and the last scratch value.
const SLACK = 16;
const align16 = (n: number) => Math.ceil(n / 16) * 16;

/** The memory laid out once for this size (it never grows again, so the views never detach). */
function kernelPlanes(width: number, height: number): Planes | undefined {
  const instance = kernelInstance(YUV420_WASM);
  if (!instance) return undefined;
  const { memory, luma, chroma } = instance.exports as {
    memory: WebAssembly.Memory;
    luma: Luma;
    chroma: Chroma;
  };
  const cw = Math.ceil(width / 2);
  const rgbaAt = WEIGHTS_BYTES;
  const yuvAt = align16(rgbaAt + width * height * 4);
  const yuvLength = yuv420Bytes(width, height);
  // Four filtered rows of Cb and four of Cr, at most a row's chroma columns each.
  const huAt = align16(yuvAt + yuvLength);
  const hvAt = huAt + 4 * cw * 8;
  const buffer = reserveBytes(memory, hvAt + 4 * cw * 8 + SLACK);
  new Float64Array(buffer, 0, YUV420_WEIGHTS.length).set(YUV420_WEIGHTS);
  const uAt = yuvAt + width * height;
  const vAt = uAt + cw * Math.ceil(height / 2);
  return {
    rgba: new Uint8Array(buffer, rgbaAt, width * height * 4),
    yuv: new Uint8Array(buffer, yuvAt, yuvLength),
    convert(rect) {
      const [rx, ry, rw, rh] = rect;
      luma(rgbaAt, yuvAt, width, rx, ry, rw, rh);
      const [cx0, cy0, cx1, cy1] = chromaReach(rect, width, height);
      chroma(rgbaAt, uAt, vAt, huAt, hvAt, width, height, cx0, cy0, cx1, cy1);
    },
  };
}

function typedPlanes(width: number, height: number): Planes {
  const rgba = new Uint8Array(width * height * 4);
  const yuv = new Uint8Array(yuv420Bytes(width, height));
  return { rgba, yuv, convert: (rect) => rgbaToYuv420(rgba, width, height, yuv, rect) };
}

const MAX_SIDE = 2 ** 15;
const pool = new SparePool<Planes>();

class PooledPlanes implements FramePlanes {
  private planes: Planes | undefined;

  constructor(
    planes: Planes,
    private readonly width: number,
    private readonly height: number,
  ) {
    this.planes = planes;
  }

  get rgba(): Uint8Array {
    return this.held().rgba;
  }

  get yuv(): Uint8Array {
    return this.held().yuv;
  }

  convert(rect: PixelRect = [0, 0, this.width, this.height]): void {
    const [x, y, w, h] = rect;
    // Past the frame the kernel would write into the other planes (rgbaToYuv420 into nothing, or NaN).
    const inside = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;
    if (!inside(x, 0, this.width) || !inside(y, 0, this.height))
      throw new RangeError(`rect ${rect.join(',')} is outside ${this.width}x${this.height}`);
    if (!inside(w, 0, this.width - x) || !inside(h, 0, this.height - y))
      throw new RangeError(`rect ${rect.join(',')} is outside ${this.width}x${this.height}`);
    this.held().convert(rect);
  }

  release(): void {
    const planes = this.held();
    this.planes = undefined;
    pool.give(sizeKey(this.width, this.height), planes);
  }

  private held(): Planes {
    if (!this.planes) throw new Error('these frame planes were released');
    return this.planes;
  }
}

const sizeKey = (width: number, height: number) => width * MAX_SIDE + height;

/**
 * RGBA and yuv420p buffers for a width x height frame, with the conversion between them; a released one of the
 * same size if there is one (its pages already faulted in), else a fresh one.
 */
export function framePlanes(width: number, height: number): FramePlanes {
  for (const side of [width, height])
    if (!Number.isInteger(side) || side < 1 || side >= MAX_SIDE)
      throw new RangeError(`no frame planes for ${width}x${height}`);
  const planes = pool.take(
    sizeKey(width, height),
    () => kernelPlanes(width, height) ?? typedPlanes(width, height),
  )!;
  return new PooledPlanes(planes, width, height);
}

/** How many released planes wait for reuse (tests, doctor). */
export function idleFramePlanes(): number {
  return pool.idleCount;
}

/** Lets go of the released planes' memory (releaseSpares does it too, with every kernel pool's). */
export function releaseIdleFramePlanes(): void {
  pool.clear();
}
