// The local-model flags (--model, --steps, --provider, --residency, --noise) and how they become onnx backend settings.
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { BackendSettings } from '../../backends/registry';
import { providerNames } from '../../backends/onnx/provider-names';
import { NOISE_GENERATORS, type NoiseGenerator } from '../../../shared/model-bundle/noise';
import { parsePositiveInt } from '../arguments';

export interface OnnxFlags {
  model?: string;
  steps?: number;
  provider: string;
  residency: 'all' | 'one';
  noise: NoiseGenerator;
}

export function onnxOptions(command: Command): Command {
  return command
    .option('--model <dir>', 'model bundle folder for the onnx backend (holds shotline-model.json)')
    .option('--steps <n>', 'sampling steps for the onnx backend (default: the bundle’s)', parsePositiveInt)
    .addOption(
      new Option('--provider <name>', 'onnxruntime execution provider for the onnx backend')
        .choices(providerNames)
        .default('auto'),
    )
    .addOption(
      new Option(
        '--residency <mode>',
        'onnx: keep all graphs loaded, or one large graph at a time (small GPUs)',
      )
        .choices(['all', 'one'])
        .default('all'),
    )
    .addOption(
      new Option(
        '--noise <generator>',
        'onnx: seeded noise, fast (default) or torch (the CPU torch.randn numbers, to remake a clip from its seed)',
      )
        .choices(NOISE_GENERATORS)
        .default('fast'),
    );
}

export function onnxSettings(flags: OnnxFlags): BackendSettings['onnx'] {
  return {
    ...(flags.model !== undefined && { model: resolve(flags.model) }),
    ...(flags.steps !== undefined && { steps: flags.steps }),
    provider: flags.provider,
    residency: flags.residency,
    noise: flags.noise,
  };
}
