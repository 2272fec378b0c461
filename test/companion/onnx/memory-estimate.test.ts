// The memory estimate shared by doctor, the defaults and the README, and the size/residency choice built on it.
import { candidateSizes, fitPlan } from '../../../companion/backends/onnx/fit-plan';
import {
  estimateMemory,
  residentWeights,
  RUNTIME_OVERHEAD,
  type GraphWeights,
} from '../../../companion/backends/onnx/memory-estimate';
import { DOCUMENTED_BUNDLES, fp8ExpertBytes } from '../../../companion/backends/onnx/memory-table';

const GB = 1e9;
const [wan21q4, , a14b, ti2v5b] = DOCUMENTED_BUNDLES;
const p480 = { width: 832, height: 480, frames: 81 };
const p720 = { width: 1280, height: 720, frames: 81 };

test('stages follow the take: the text encoder is never resident while the transformer denoises', () => {
  const { all, one } = estimateMemory(a14b!.manifest, a14b!.weights, p480);
  for (const mode of [all, one])
    for (const s of mode.stages.filter((s) => s.stage.startsWith('denoise')))
      expect(s.resident).not.toContain('text_encoder');
  expect(all.stages.map((s) => [s.stage, s.resident])).toEqual([
    ['encode', ['text_encoder', 'expert:high_noise', 'expert:low_noise', 'vae:init', 'vae:step']],
    ['denoise', ['expert:high_noise', 'expert:low_noise', 'vae:init', 'vae:step']],
    ['decode', ['expert:high_noise', 'expert:low_noise', 'vae:init', 'vae:step']],
  ]);
  expect(one.stages.map((s) => s.resident)).toEqual([
    ['text_encoder'],
    ['expert:high_noise'],
    ['expert:low_noise'],
    ['vae:init', 'vae:step'],
  ]);
  // One expert at a time saves at least the other expert's 28 GB.
  expect(all.peak.totalBytes - one.peak.totalBytes).toBeGreaterThanOrEqual(28 * GB);
});

test('each stage is its resident weights plus its activations plus the runtime allowance', () => {
  const w: GraphWeights = { text_encoder: 5, 'expert:dense': 7, 'vae:init': 11, 'vae:step': 13 };
  const { one } = estimateMemory(wan21q4!.manifest, w, p480);
  for (const s of one.stages) {
    const weights = s.resident.reduce((sum, k) => sum + w[k]!, 0);
    expect(s.weightBytes).toBe(weights);
    expect(s.totalBytes).toBe(weights + s.activationBytes + RUNTIME_OVERHEAD);
  }
});

describe('resident weights follow the compute type export-wan recorded', () => {
  const m = a14b!.manifest;
  const disk: GraphWeights = {
    text_encoder: 11 * GB,
    'expert:high_noise': 28 * GB,
    'expert:low_noise': 28 * GB,
    'vae:init': 0.25 * GB,
    'vae:step': 0.25 * GB,
  };
  const exported = (dtype: 'fp32' | 'fp16' | 'bf16', compute?: 'fp32' | 'fp16' | 'bf16') => ({
    ...m,
    export: { tool: 'export-wan', dtype, compute, opset: 17, checkedFor: ['cuda'] },
  });
  const denoisePeak = (bundle: typeof m) =>
    estimateMemory(bundle, disk, p480).one.stages.find((s) => s.stage.startsWith('denoise'))!.weightBytes;

  test('native fp16 and bf16 experts hold what is on disk; the float32 text encoder and VAE twice that', () => {
    for (const dtype of ['fp16', 'bf16'] as const) {
      const w = residentWeights(exported(dtype, dtype), disk);
      expect(w['expert:high_noise']).toBe(28 * GB);
      expect(w['expert:low_noise']).toBe(28 * GB);
      expect(w.text_encoder).toBe(22 * GB);
      expect(w['vae:init']).toBe(0.5 * GB);
    }
    expect(denoisePeak(exported('fp16', 'fp16'))).toBe(28 * GB);
  });

  test('half-width storage in front of float32 compute (no compute recorded) holds float32: twice the disk', () => {
    for (const bundle of [exported('fp16'), exported('bf16', 'fp32')]) {
      expect(residentWeights(bundle, disk)['expert:high_noise']).toBe(56 * GB);
      expect(denoisePeak(bundle)).toBe(56 * GB);
    }
  });

  test('fp8 experts (float8 matrices, fp16 compute) hold what is on disk; the text encoder and VAE float32', () => {
    const fp8 = {
      ...m,
      export: { tool: 'export-wan', dtype: 'fp8', compute: 'fp16', opset: 19, checkedFor: ['cuda'] },
    };
    const onDisk = { ...disk, 'expert:high_noise': 14.8 * GB, 'expert:low_noise': 14.8 * GB };
    const w = residentWeights(fp8 as typeof m, onDisk);
    expect(w['expert:high_noise']).toBe(14.8 * GB);
    expect(w.text_encoder).toBe(22 * GB);
    expect(w['vae:step']).toBe(0.5 * GB);
    expect(denoisePeak(fp8 as typeof m)).toBe(28 * GB);
    // Each matrix is dequantized to fp16 as its layer runs: the largest, 5120 x 13824 fp16, is live beside the block.
    const activation = (bundle: typeof m) =>
      estimateMemory(bundle, onDisk, p480).one.stages.find((s) => s.stage.startsWith('denoise'))!
        .activationBytes;
    const fp16 = { ...m, export: { ...fp8.export, dtype: 'fp16', opset: 17 } };
    expect(activation(fp8 as typeof m) - activation(fp16 as typeof m)).toBe(5120 * 13824 * 2);
  });

  test('the fp8 row: one A14B expert is its matrices at 1 byte, their scales and the float32 islands', () => {
    // 40 blocks x (8 x 5120² + 2 x 5120 x 13824) + the text embedding's 4096 x 5120 + 5120², at 1 byte: 14.098 GB;
    // the time embedding and projection (256 x 5120 + 5120² + 5120 x 30720) at 4 bytes: 0.739 GB.
    expect(fp8ExpertBytes() / GB).toBeCloseTo(14.098 + 0.739 + 0.005, 2);
    const row = DOCUMENTED_BUNDLES.find((b) => b.manifest.export?.dtype === 'fp8')!;
    expect(row.weights['expert:high_noise']).toBeCloseTo(fp8ExpertBytes(), -3);
    // Half of the fp16 export's expert, give or take the float32 islands both keep.
    const one = estimateMemory(row.manifest, row.weights, p480).one;
    expect(one.stages.find((s) => s.stage.startsWith('denoise'))!.weightBytes).toBeCloseTo(
      fp8ExpertBytes(),
      -3,
    );
  });

  test('float32 exports and bundles export-wan did not make are taken as they lie on disk', () => {
    expect(residentWeights(exported('fp32', 'fp32'), disk)).toEqual(disk);
    expect(residentWeights(m, disk)).toEqual(disk);
  });
});

test('activations grow with the frame area and length; 720p needs more than 480p', () => {
  const m = wan21q4!.manifest;
  const denoise = (shape: typeof p480) =>
    estimateMemory(m, {}, shape).one.stages.find((s) => s.stage.startsWith('denoise'))!.activationBytes;
  // Tokens: 21 latent frames × (480/16) × (832/16) = 32760 at 480p, 21 × 45 × 80 = 75600 at 720p.
  expect(denoise(p720) / denoise(p480)).toBeCloseTo(75600 / 32760, 6);
  expect(denoise({ ...p480, frames: 41 })).toBeLessThan(denoise(p480));
});

test('the community export’s reported peak (~23 GB, 4-bit DiT, 832×480×81, all graphs loaded) is where the estimate lands', () => {
  const peak = estimateMemory(wan21q4!.manifest, wan21q4!.weights, p480).all.peak.totalBytes;
  expect(peak / GB).toBeGreaterThan(20);
  expect(peak / GB).toBeLessThan(26);
});

describe('memory-aware defaults', () => {
  const base = { manifest: wan21q4!.manifest, weights: wan21q4!.weights, frames: 81 };
  const hd = { width: 1920, height: 1080 };
  const need = (size: typeof p480, r: 'all' | 'one') =>
    estimateMemory(base.manifest, base.weights, size)[r].peak.totalBytes;

  test('unknown memory keeps the size nearest the sequence and all graphs resident, without a note', () => {
    const fit = fitPlan({ ...base, want: hd, quality: 'final', residency: 'auto' });
    expect(fit).toMatchObject({ size: { width: 1280, height: 720 }, residency: 'all', notes: [] });
  });

  test('a card that holds 720p with every graph keeps it', () => {
    const budget = { bytes: need(p720, 'all'), name: 'Card' };
    const fit = fitPlan({ ...base, want: hd, quality: 'final', residency: 'auto', budget });
    expect(fit).toMatchObject({ size: { width: 1280, height: 720 }, residency: 'all', notes: [] });
  });

  test('a card that holds 720p only one graph at a time gets --residency one, with a line saying so', () => {
    const budget = { bytes: need(p720, 'one'), name: 'Card' };
    expect(need(p720, 'one')).toBeLessThan(need(p720, 'all'));
    const fit = fitPlan({ ...base, want: hd, quality: 'final', residency: 'auto', budget });
    expect(fit).toMatchObject({ size: { width: 1280, height: 720 }, residency: 'one' });
    expect(fit.notes).toEqual([
      expect.stringMatching(
        /^All graphs together need about 22\.\d GB, more than the .* on Card: one large graph resident at a time \(--residency one\)\.$/,
      ),
    ]);
  });

  test('480p when 720p would not fit, with a line saying so', () => {
    const budget = { bytes: (need(p720, 'one') + need(p480, 'one')) / 2, name: 'RTX 4070 Ti SUPER' };
    const fit = fitPlan({ ...base, want: hd, quality: 'final', residency: 'auto', budget });
    expect(fit.size).toEqual({ width: 832, height: 480 });
    expect(fit.notes[0]).toMatch(
      /^1280x720 would need about \d+\.\d GB, more than the \d+\.\d GB on RTX 4070 Ti SUPER: generating at 832x480 instead\.$/,
    );
    expect(fit.estimate.peak.totalBytes).toBeLessThanOrEqual(budget.bytes);
  });

  test('a residency asked for is kept: the size gives way instead', () => {
    const budget = { bytes: need(p720, 'one'), name: 'Card' };
    const fit = fitPlan({ ...base, want: hd, quality: 'final', residency: 'all', budget });
    expect(fit.residency).toBe('all');
    expect(fit.size).not.toEqual({ width: 1280, height: 720 });
  });

  test('nothing fits: the smallest size, one graph at a time, and a warning', () => {
    const fit = fitPlan({
      ...base,
      want: hd,
      quality: 'final',
      residency: 'auto',
      budget: { bytes: 4 * GB, name: 'Card' },
    });
    expect(fit).toMatchObject({ size: { width: 832, height: 480 }, residency: 'one' });
    expect(fit.notes).toEqual([
      expect.stringMatching(
        /^Even 832x480 with --residency one needs about .*: the take may run out of memory\.$/,
      ),
    ]);
  });

  test('draft starts at the smallest documented size of the sequence’s orientation; portrait stays portrait', () => {
    expect(candidateSizes(base.manifest, hd, 'draft')[0]).toEqual({ width: 832, height: 480 });
    expect(candidateSizes(base.manifest, { width: 1080, height: 1920 }, 'draft')).toEqual([
      { width: 480, height: 832 },
      { width: 720, height: 1280 },
    ]);
    expect(candidateSizes(base.manifest, { width: 1080, height: 1920 }, 'final')).toEqual([
      { width: 720, height: 1280 },
      { width: 480, height: 832 },
    ]);
  });

  test('the 5B model has one documented size per orientation: memory changes the residency, never the size', () => {
    const m = ti2v5b!.manifest;
    const fit = fitPlan({
      manifest: m,
      weights: ti2v5b!.weights,
      want: hd,
      frames: 121,
      quality: 'final',
      residency: 'auto',
      budget: { bytes: 16 * GB, name: 'Card' },
    });
    expect(fit).toMatchObject({ size: { width: 1280, height: 704 }, residency: 'one' });
  });
});
