// Refuses a bundle whose experts compute in a type the provider has no kernels for, before any session opens.
import type { ModelManifest } from '../../../shared/model-bundle';
import { ShotlineError } from '../../../shared/protocol';
import { providerLabel, type ExecutionProvider } from './providers';

/**
 * bfloat16 experts (export-wan --dtype bf16) run on CUDA only: onnxruntime's docs/OperatorKernels.md lists
 * bfloat16 kernels for their operators under CUDAExecutionProvider alone (none on DirectML; the CPU provider
 * lacks even bfloat16 Mul). TensorRT's chain ends in CUDA, which takes what TensorRT does not.
 */
const BF16_PROVIDERS: readonly ExecutionProvider[] = ['cuda', 'tensorrt'];

/** Null when the lead provider runs the bundle's compute type; otherwise the sentence saying why not. */
export function computeProblem(m: ModelManifest, provider: ExecutionProvider): string | null {
  if (m.export?.compute !== 'bf16' || BF16_PROVIDERS.includes(provider)) return null;
  return (
    `${m.name}'s experts compute in bfloat16 (export-wan --dtype bf16), which onnxruntime runs only on CUDA, ` +
    `not on ${providerLabel(provider)}: use --provider cuda, or re-export with --dtype fp16.`
  );
}

/** The same refusal as a coded error, with the bundle and provider as params for the panel to word. */
export function computeRefusal(m: ModelManifest, provider: ExecutionProvider): ShotlineError | null {
  const problem = computeProblem(m, provider);
  if (problem === null) return null;
  return new ShotlineError('MODEL_INVALID', problem, {
    // The command-line options stay as typed in either language: they are params, not words.
    params: {
      bundle: m.name,
      provider: providerLabel(provider),
      exported: 'export-wan --dtype bf16',
      useCuda: '--provider cuda',
      reexport: '--dtype fp16',
      case: 'bf16Provider',
    },
  });
}
