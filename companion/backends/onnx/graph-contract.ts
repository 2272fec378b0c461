// Checks an opened session against the manifest's contract: names, dtypes and shapes, naming file and mismatch.
import type { Dim, TensorSpec } from '../../../shared/model-bundle';
import { ShotlineError } from '../../../shared/protocol';
import type { OrtSession } from './ort-runtime';
import type { FloatType } from './tensors';

export interface GraphContract {
  inputs: TensorSpec[];
  outputs: TensorSpec[];
}

type Metadata = OrtSession['inputMetadata'][number];

const showShape = (shape: readonly Dim[]) => `[${shape.join(',')}]`;

function dimsMatch(expected: readonly Dim[], actual: readonly (number | string)[]): boolean {
  if (actual.length === 0 || expected.length === 0) return true; // shape unknown on one side
  if (expected.length !== actual.length) return false;
  // A size the graph leaves free fits any manifest size; a size the graph fixes must be the manifest's.
  return expected.every((e, i) => typeof actual[i] !== 'number' || actual[i] === e);
}

function typeMatches(spec: TensorSpec, actual: string): boolean {
  return spec.dtype === 'float' ? actual === 'float32' || actual === 'float16' : actual === spec.dtype;
}

/** Returns the float type each float tensor has in this graph (fp16 graphs take Uint16 bits). */
export function checkContract(
  session: OrtSession,
  file: string,
  contract: GraphContract,
): Map<string, FloatType> {
  const types = new Map<string, FloatType>();
  const check = (kind: 'input' | 'output', specs: TensorSpec[], metadata: readonly Metadata[]) => {
    const byName = new Map(metadata.map((m) => [m.name, m]));
    for (const spec of specs) {
      const meta = byName.get(spec.name);
      // Each mismatch is its own case, so the panel words it from the names and shapes alone.
      const fail = (what: string, c: string, facts: Record<string, string> = {}) => {
        throw new ShotlineError('MODEL_INVALID', `${file}: ${kind} "${spec.name}" ${what}.`, {
          params: { file, kind, name: spec.name, ...facts, case: c },
        });
      };
      if (!meta) {
        const names = [...byName.keys()].join(', ') || 'none';
        fail(`is not in the graph (its ${kind}s: ${names})`, 'graphNotInGraph', { names });
      }
      if (!meta!.isTensor) fail('is not a tensor', 'graphNotTensor');
      const tensor = meta as Extract<Metadata, { isTensor: true }>;
      if (!typeMatches(spec, tensor.type))
        fail(`is ${tensor.type}; the manifest says ${spec.dtype}`, 'graphDtype', {
          actual: tensor.type,
          expected: spec.dtype,
        });
      if (!dimsMatch(spec.shape, tensor.shape))
        fail(
          `has shape ${showShape(tensor.shape)}; the manifest says ${showShape(spec.shape)}`,
          'graphShape',
          {
            actual: showShape(tensor.shape),
            expected: showShape(spec.shape),
          },
        );
      if (tensor.type === 'float32' || tensor.type === 'float16') types.set(spec.name, tensor.type);
    }
    if (kind === 'input') {
      const extra = metadata.filter((m) => !specs.some((s) => s.name === m.name)).map((m) => m.name);
      if (extra.length)
        throw new ShotlineError(
          'MODEL_INVALID',
          `${file}: graph inputs ${extra.join(', ')} are not in the manifest.`,
          { params: { file, names: extra.join(', '), case: 'graphExtraInputs' } },
        );
    }
  };
  check('input', contract.inputs, session.inputMetadata);
  check('output', contract.outputs, session.outputMetadata);
  return types;
}
