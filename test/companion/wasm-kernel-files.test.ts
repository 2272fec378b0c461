// Every WebAssembly kernel's committed module (onnx's and media's) is what its .wat compiles to, laid out as
// scripts/wasm-kernels.ts writes it: an edited .wat without a regenerated -wasm.ts fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileWat, KERNELS, kernelModule } from '../../scripts/wasm-kernels';

const root = join(__dirname, '..', '..');

test('the kernels listed include the yuv420p converter', () => {
  expect(KERNELS.map((k) => k.name)).toEqual(expect.arrayContaining(['rgba', 'unipc', 'guidance', 'yuv420']));
});

test.each(KERNELS.map((k) => [k.name, k.dir]))(
  '%s-wasm.ts holds what its .wat compiles to (regenerate with scripts/wasm-kernels.ts)',
  async (name, dir) => {
    const wat = join(root, dir, `${name}.wat`);
    const compiled = await compileWat(wat, readFileSync(wat, 'utf8'));
    expect(readFileSync(join(root, dir, `${name}-wasm.ts`), 'utf8')).toBe(kernelModule(name, compiled));
  },
);
