// Seeded noise for a real take's latents: the fast generator (the default) against the torch-compatible one.
import { noiseGenerators } from '../companion/backends/onnx/noise';
import { sampledRow, type BenchRow } from './table';

/** Wan2.2 A14B at 832x480, 81 frames: latents [16, 21, 60, 104]. */
const VALUES = 16 * 21 * 60 * 104;

export function benchNoise(runs = 9): BenchRow {
  const out = new Float32Array(VALUES);
  const time = (fill: (typeof noiseGenerators)['fast'], seed: number) => {
    const start = performance.now();
    fill(seed, out);
    return performance.now() - start;
  };
  time(noiseGenerators.fast, 0);
  time(noiseGenerators.torch, 0);
  const fast: number[] = [];
  const torch: number[] = [];
  for (let i = 1; i <= runs; i++) {
    fast.push(time(noiseGenerators.fast, i));
    torch.push(time(noiseGenerators.torch, i));
  }
  return sampledRow(
    'seeded noise (--noise fast), 832x480x81 latents',
    fast,
    '--noise torch (CPU torch.randn)',
    torch,
    `${VALUES.toLocaleString('en')} fp32 values per take, ${runs} interleaved runs each; fast stays the default while it is the faster`,
  );
}
