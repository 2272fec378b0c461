/** @jest-environment ./test/companion/onnx/ort-environment.js */
// The opset check: exported tiny bundles pass for every provider; a graph above DirectML's ceiling is refused.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { onnx } from 'onnx-proto';
import { checkBundle } from '../../../companion/backends/onnx/doctor-checks';
import { opsetProblem, readOpset } from '../../../companion/backends/onnx/opset-check';
import { executionProviderNames } from '../../../companion/backends/onnx/provider-names';
import { expectWordedInBothLanguages } from '../../support/panel-wording';
import { tinyBundle } from './tiny-bundle';

const variants = ['wan21-t2v-14b', 'wan22-t2v-a14b', 'wan22-ti2v-5b'] as const;

test.each(variants)(
  'every graph of the tiny %s bundle passes the opset check for every provider',
  async (variant) => {
    const bundle = await tinyBundle({ variant });
    try {
      const graphs = readdirSync(bundle.dir).filter((f) => f.endsWith('.onnx'));
      expect(graphs.length).toBeGreaterThanOrEqual(3);
      for (const file of graphs) {
        const opset = readOpset(join(bundle.dir, file));
        expect(opset).toBeLessThanOrEqual(17);
        for (const provider of executionProviderNames) expect(opsetProblem(file, opset, provider)).toBeNull();
      }
      const checked = await checkBundle(bundle.dir, 'cpu', false);
      expect(checked.graphs.every((g) => g.ok && /^opset \d+ \(not opened\)$/.test(g.detail))).toBe(true);
    } finally {
      bundle.cleanup();
    }
  },
);

test('a graph above opset 17 is refused for DirectML with a sentence, and runs elsewhere', async () => {
  const bundle = await tinyBundle();
  try {
    const path = join(bundle.dir, 'opset18.onnx');
    const model = onnx.ModelProto.encode({
      irVersion: 8,
      opsetImport: [
        { domain: 'com.microsoft', version: 1 },
        { domain: '', version: 18 },
      ],
      graph: { name: 'g' },
    }).finish();
    writeFileSync(path, model);
    expect(readOpset(path)).toBe(18);
    expect(opsetProblem('dit.onnx', 18, 'dml')).toBe(
      'dit.onnx uses ONNX opset 18, but DirectML runs opset 17 at most; re-export the bundle at opset 17 or choose another --provider.',
    );
    expect(opsetProblem('dit.onnx', 18, 'cuda')).toBeNull();
    writeFileSync(path, Buffer.from('not a model'));
    expect(() => readOpset(path)).toThrow(
      expect.objectContaining({
        code: 'MODEL_INVALID',
        message: expect.stringMatching(/^opset18.onnx is not a readable ONNX model/),
      }),
    );
    writeFileSync(path, onnx.ModelProto.encode({ irVersion: 8, graph: { name: 'g' } }).finish());
    expect(() => readOpset(path)).toThrow('opset18.onnx imports no ONNX opset; is it an ONNX model?');
    for (const bytes of [Buffer.from('not a model'), Buffer.alloc(0)]) {
      writeFileSync(path, bytes);
      expectWordedInBothLanguages(thrown(() => readOpset(path)));
    }
  } finally {
    bundle.cleanup();
  }
});

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}
