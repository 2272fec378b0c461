// The `--quality draft|final` flag, defined once for generate, render-script and serve; what a preset changes
// beyond the size (a step-distilled draft bundle, say) plugs in where the flag's value is read.
import { Option } from 'commander';
import { qualities, type Quality } from '../../backends/onnx/quality';

export type { Quality };

export function qualityOption(): Option {
  return new Option(
    '--quality <preset>',
    'onnx: final = full quality at the model size nearest the sequence that fits the GPU; draft = its smallest size, with the bundle’s 4-step distilled experts where it has them',
  )
    .choices(qualities)
    .default('final');
}
