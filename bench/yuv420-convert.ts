// RGBA -> yuv420p, the JS reference (rgbaToYuv420) against the WebAssembly kernel (framePlanes), whole frames
// and the slate's kind of moving rectangles: `node dist/node/bench/yuv420-convert.js [runs]`.
import { framePlanes } from '../companion/media/frame-planes';
import { rgbaToYuv420, yuv420Bytes, type PixelRect } from '../companion/media/yuv420';
import { median, sampledRow, type BenchRow } from './table';

const CASES: [number, number, PixelRect | undefined][] = [
  [1280, 720, undefined],
  [1920, 1080, undefined],
  [1280, 720, [301, 207, 72, 67]],
  [1280, 720, [500, 300, 173, 173]],
];

export function benchYuv420Convert(runs = 25): BenchRow[] {
  return CASES.map(([w, h, rect]) => {
    const planes = framePlanes(w, h);
    try {
      let s = 1;
      for (let i = 0; i < planes.rgba.length; i++)
        planes.rgba[i] = (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
      const out = new Uint8Array(yuv420Bytes(w, h));
      // Both start from the whole frame converted, as a rectangle's contract asks.
      rgbaToYuv420(planes.rgba, w, h, out);
      planes.convert();
      const js: number[] = [];
      const wasm: number[] = [];
      for (let i = 0; i < runs; i++) {
        let start = performance.now();
        rgbaToYuv420(planes.rgba, w, h, out, rect);
        js.push(performance.now() - start);
        start = performance.now();
        planes.convert(rect);
        wasm.push(performance.now() - start);
      }
      if (!Buffer.from(out).equals(Buffer.from(planes.yuv))) throw new Error(`${w}x${h}: the two differ`);
      const what = rect ? `a ${rect[2]}x${rect[3]} rect of ${w}x${h}` : `${w}x${h} whole`;
      return sampledRow(`yuv420p kernel, ${what}`, wasm, 'rgbaToYuv420 (JS)', js, `${runs} interleaved runs`);
    } finally {
      planes.release();
    }
  });
}

if (require.main === module) {
  const runs = Number(process.argv[2] ?? 25);
  for (const row of benchYuv420Convert(runs)) {
    const js = median(row.baselineSamples ?? []);
    process.stdout.write(
      `${row.name}: ${row.ms.toFixed(3)} ms, JS ${js.toFixed(3)} ms (${(js / row.ms).toFixed(1)}x), median of ${runs}\n`,
    );
  }
}
