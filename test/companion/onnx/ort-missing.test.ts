// A machine without onnxruntime-node's native binding: the load error says how to install it, and the panel
// words it in either language with the loader's own text kept verbatim.
import { expectWordedInBothLanguages } from '../../support/panel-wording';

test('onnxruntime-node missing is BACKEND_FAILED with the loader text as its detail', () => {
  let err: unknown;
  jest.isolateModules(() => {
    // The binding is what fails to load on such machines: the require itself throws, as Node's loader does.
    jest.doMock('onnxruntime-node', () => {
      throw new Error('libonnxruntime.so.1: cannot open shared object file: No such file or directory');
    });
    type Runtime = typeof import('../../../companion/backends/onnx/ort-runtime');
    // A fresh copy of the module, so its cached binding does not hide the failure (require: isolateModules is sync).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { loadOrt } = require('../../../companion/backends/onnx/ort-runtime') as Runtime;
    try {
      loadOrt();
    } catch (e) {
      // This module copy has its own ShotlineError class: what crosses the socket is its wire form.
      err = (e as { toWire(): unknown }).toWire();
    }
  });
  expect(err).toMatchObject({
    code: 'BACKEND_FAILED',
    message:
      'onnxruntime-node could not be loaded (libonnxruntime.so.1: cannot open shared object file: No such file or directory); install it with "npm install onnxruntime-node".',
  });
  expectWordedInBothLanguages(err);
});
