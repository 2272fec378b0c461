// The only importer of onnxruntime-node, loaded lazily so the companion starts without it.
import type * as Ort from 'onnxruntime-node';
import { ShotlineError } from '../../../shared/protocol';

export type OrtModule = typeof Ort;
export type OrtSession = Ort.InferenceSession;
export type OrtTensor = Ort.Tensor;

let loaded: OrtModule | undefined;

export function loadOrt(): OrtModule {
  if (!loaded) {
    try {
      // Lazy: requiring the native binding costs time and fails on machines without it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = require('onnxruntime-node') as OrtModule;
    } catch (err) {
      throw new ShotlineError(
        'BACKEND_FAILED',
        `onnxruntime-node could not be loaded (${(err as Error).message}); install it with "npm install onnxruntime-node".`,
        {
          cause: err,
          params: {
            detail: (err as Error).message,
            install: 'npm install onnxruntime-node',
            case: 'ortMissing',
          },
        },
      );
    }
  }
  return loaded;
}
