/** @jest-environment ./test/companion/onnx/ort-environment.js */
// Which providers run a bundle's expert precision: bf16 on CUDA only, fp8 (float8 weights) on CUDA and the CPU.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeProblem, computeRefusal } from '../../../companion/backends/onnx/compute-check';
import { checkBundle } from '../../../companion/backends/onnx/doctor-checks';
import { executionProviderNames } from '../../../companion/backends/onnx/provider-names';
import { MANIFEST_FILE, ModelManifestSchema, wanManifest } from '../../../shared/model-bundle';
import { expectWordedInBothLanguages } from '../../support/panel-wording';
import { tinyBundle } from './tiny-bundle';

const fp8Record = {
  tool: 'export-wan',
  dtype: 'fp8',
  compute: 'fp16',
  opset: 19,
  checkedFor: ['cuda', 'cpu'],
};
const manifest = (record?: object) =>
  ModelManifestSchema.parse({ ...wanManifest('wan22-t2v-a14b', { name: 'A14B' }), export: record });

test('fp8 experts run on CUDA, TensorRT (its chain ends in CUDA) and the CPU, and nowhere else', () => {
  const m = manifest(fp8Record);
  const runs = executionProviderNames.filter((p) => computeProblem(m, p) === null);
  expect(runs).toEqual(['cuda', 'tensorrt', 'cpu']);
  expect(computeProblem(m, 'dml')).toBe(
    "A14B's experts store float8 weights (export-wan --dtype fp8), which onnxruntime runs only on CUDA and the " +
      'CPU, not on DirectML: use --provider cuda, or re-export with --dtype fp16.',
  );
  for (const p of ['webgpu', 'coreml'] as const)
    expect(computeProblem(m, p)).toMatch(/^A14B's experts store float8/);
});

test('the fp8 refusal is a coded error the panel words in both languages', () => {
  const error = computeRefusal(manifest(fp8Record), 'webgpu');
  expect(error).toMatchObject({
    code: 'MODEL_INVALID',
    params: { bundle: 'A14B', provider: 'WebGPU', exported: 'export-wan --dtype fp8', case: 'fp8Provider' },
  });
  expectWordedInBothLanguages(error);
  expect(computeRefusal(manifest(fp8Record), 'cpu')).toBeNull();
});

test('fp16, fp32 and bundles export-wan did not make run everywhere; bf16 only on CUDA', () => {
  const fp16 = { ...fp8Record, dtype: 'fp16', opset: 17 };
  for (const m of [manifest(), manifest(fp16), manifest({ ...fp16, dtype: 'fp32', compute: 'fp32' })])
    for (const p of executionProviderNames) expect(computeProblem(m, p)).toBeNull();
  const bf16 = manifest({ ...fp16, dtype: 'bf16', compute: 'bf16' });
  expect(executionProviderNames.filter((p) => computeProblem(bf16, p) === null)).toEqual([
    'cuda',
    'tensorrt',
  ]);
});

test('doctor marks each fp8 expert refused on WebGPU without opening it, and passes them on the CPU', async () => {
  const bundle = await tinyBundle({ variant: 'wan22-t2v-a14b' });
  try {
    const file = join(bundle.dir, MANIFEST_FILE);
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), export: fp8Record }));
    // Linux's WebGPU chain is one chain: resolving it probes nothing, and nothing is opened (open = false).
    const webgpu = await checkBundle(bundle.dir, 'webgpu', false);
    const experts = webgpu.graphs.filter((g) => g.graph.startsWith('expert:'));
    expect(experts.map((g) => g.graph)).toEqual(['expert:high_noise', 'expert:low_noise']);
    for (const g of experts) {
      expect(g.ok).toBe(false);
      expect(g.detail).toMatch(/experts store float8 weights .* not on WebGPU: use --provider cuda/);
    }
    expect(webgpu.graphs.filter((g) => !g.graph.startsWith('expert:')).every((g) => g.ok)).toBe(true);
    const cpu = await checkBundle(bundle.dir, 'cpu', false);
    expect(cpu.graphs.every((g) => g.ok)).toBe(true);
  } finally {
    bundle.cleanup();
  }
});
