// Reads a graph file's ONNX opset and checks it against the ceiling a provider documents (DirectML: 17).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Reader } from 'protobufjs/minimal';
import { ShotlineError } from '../../../shared/protocol';
import { providerLabel, type ExecutionProvider } from './providers';

/** The highest default-domain opset each provider documents running; the others follow onnxruntime's own. */
export const opsetCeilings = Object.freeze({ dml: 17 } satisfies Partial<Record<ExecutionProvider, number>>);

// ModelProto field 8 is opset_import; OperatorSetIdProto has domain (1) and version (2), per onnx.proto.
const MODEL_OPSET_IMPORT = 8;
const OPSET_DOMAIN = 1;
const OPSET_VERSION = 2;

/**
 * The default ("ai.onnx") domain's opset a model imports, read off the model's top-level fields only: the
 * graph is skipped undecoded, so this stays cheap for large graphs (weights live in external data anyway).
 */
export function readOpset(path: string): number {
  let opset: number;
  try {
    opset = defaultOpset(readFileSync(path));
  } catch (err) {
    throw new ShotlineError(
      'MODEL_INVALID',
      `${basename(path)} is not a readable ONNX model (${(err as Error).message}).`,
      { params: { file: basename(path), detail: (err as Error).message, case: 'onnxUnreadable' } },
    );
  }
  if (!opset)
    throw new ShotlineError(
      'MODEL_INVALID',
      `${basename(path)} imports no ONNX opset; is it an ONNX model?`,
      {
        params: { file: basename(path), case: 'onnxNoOpset' },
      },
    );
  return opset;
}

function defaultOpset(bytes: Uint8Array): number {
  const reader = Reader.create(bytes);
  let opset = 0;
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 !== MODEL_OPSET_IMPORT || (tag & 7) !== 2) {
      reader.skipType(tag & 7);
      continue;
    }
    const end = reader.uint32() + reader.pos;
    let domain = '';
    let version = 0;
    while (reader.pos < end) {
      const inner = reader.uint32();
      if (inner >>> 3 === OPSET_DOMAIN) domain = reader.string();
      else if (inner >>> 3 === OPSET_VERSION) version = Number(reader.int64());
      else reader.skipType(inner & 7);
    }
    if (domain === '' || domain === 'ai.onnx') opset = version;
  }
  return opset;
}

/** Null when the provider runs this opset; otherwise the sentence saying why the bundle is refused. */
export function opsetProblem(file: string, opset: number, provider: ExecutionProvider): string | null {
  const ceiling = (opsetCeilings as Partial<Record<ExecutionProvider, number>>)[provider];
  if (ceiling === undefined || opset <= ceiling) return null;
  return (
    `${file} uses ONNX opset ${opset}, but ${providerLabel(provider)} runs opset ${ceiling} at most; ` +
    `re-export the bundle at opset ${ceiling} or choose another --provider.`
  );
}
