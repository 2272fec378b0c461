// The `--quality draft|final` flag, defined once for generate, render-script and serve; what a preset changes
// beyond the size (a step-distilled draft bundle, say) plugs in where the flag's value is read.
import { Option } from 'commander';
import { qualities, type Quality } from '../../backends/onnx/quality';

export type { Quality };

export function qualityOption(): Option {
  return new Option(
    '--quality <preset>',
    'onnx: final = the model size nearest the sequence that fits the GPU, draft = its smallest size',
  )
    .choices(qualities)
    .default('final');
}
