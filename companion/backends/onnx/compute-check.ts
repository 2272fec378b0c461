// Refuses a bundle whose experts compute in a type the provider has no kernels for, before any session opens.
import type { ModelManifest } from '../../../shared/model-bundle';
import { ShotlineError } from '../../../shared/protocol';
import { providerLabel, type ExecutionProvider } from './providers';

/**
 * The precisions that run on some providers only, and where. TensorRT's chain ends in CUDA, which takes what
 * TensorRT does not.
 * - bf16 (export-wan --dtype bf16): onnxruntime's docs/OperatorKernels.md lists bfloat16 kernels for the experts'
 *   operators under CUDAExecutionProvider alone (none on DirectML; the CPU provider lacks even bfloat16 Mul).
 * - fp8 (export-wan --dtype fp8): float8 weights dequantized by DequantizeLinear at opset 19. The CPU and CUDA
 *   providers implement it for Float8E4M3FN (docs/OperatorKernels.md); DirectML runs opset 17 at most; WebGPU's
 *   DequantizeLinear takes int8, uint8 and int32 only (onnxruntime/core/providers/webgpu/quantization/
 *   quantize_linear.cc); Core ML has no float8 tensor type. Elsewhere the dequantize would fall back to the CPU and
 *   copy every weight to the GPU on every step, so it is refused rather than run slowly.
 */
const PRECISIONS = Object.freeze({
  bf16: { runsOn: ['cuda', 'tensorrt'], what: 'compute in bfloat16', where: 'only on CUDA' },
  fp8: {
    runsOn: ['cuda', 'tensorrt', 'cpu'],
    what: 'store float8 weights',
    where: 'only on CUDA and the CPU',
  },
} satisfies Record<string, { runsOn: readonly ExecutionProvider[]; what: string; where: string }>);
type Precision = keyof typeof PRECISIONS;

function precisionOf(m: ModelManifest): Precision | null {
  if (m.export?.dtype === 'fp8') return 'fp8';
  return m.export?.compute === 'bf16' ? 'bf16' : null;
}

function problemOf(m: ModelManifest, provider: ExecutionProvider) {
  const precision = precisionOf(m);
  if (precision === null) return null;
  const p: { runsOn: readonly ExecutionProvider[]; what: string; where: string } = PRECISIONS[precision];
  return p.runsOn.includes(provider) ? null : { precision, ...p };
}

/** Null when the lead provider runs the bundle's precision; otherwise the sentence saying why not. */
export function computeProblem(m: ModelManifest, provider: ExecutionProvider): string | null {
  const problem = problemOf(m, provider);
  if (problem === null) return null;
  return (
    `${m.name}'s experts ${problem.what} (export-wan --dtype ${problem.precision}), which onnxruntime runs ` +
    `${problem.where}, not on ${providerLabel(provider)}: use --provider cuda, or re-export with --dtype fp16.`
  );
}

/** The same refusal as a coded error, with the bundle and provider as params for the panel to word. */
export function computeRefusal(m: ModelManifest, provider: ExecutionProvider): ShotlineError | null {
  const problem = problemOf(m, provider);
  if (problem === null) return null;
  return new ShotlineError('MODEL_INVALID', computeProblem(m, provider)!, {
    // The command-line options stay as typed in either language: they are params, not words.
    params: {
      bundle: m.name,
      provider: providerLabel(provider),
      exported: `export-wan --dtype ${problem.precision}`,
      useCuda: '--provider cuda',
      reexport: '--dtype fp16',
      case: `${problem.precision}Provider`,
    },
  });
}
