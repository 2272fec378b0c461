// The local-model flags (--model, --steps, --provider, --residency, --quality, --noise) and how they become onnx
// settings.
import { join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { BackendSettings } from '../../backends/registry';
import { providerNames } from '../../backends/onnx/provider-names';
import { defaultDataDir } from '../../config/data-dir';
import { NOISE_GENERATORS, type NoiseGenerator } from '../../../shared/model-bundle/noise';
import { parsePositiveInt } from '../arguments';
import { qualityOption, type Quality } from './quality-flag';

export interface OnnxFlags {
  model?: string;
  steps?: number;
  provider: string;
  residency: 'auto' | 'all' | 'one';
  quality: Quality;
  /** serve's --data-dir; the other commands use the default data folder. */
  dataDir?: string;
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
        'onnx: keep all graphs loaded, or one large graph at a time (small GPUs); auto: one only when all would not fit',
      )
        .choices(['auto', 'all', 'one'])
        .default('auto'),
    )
    .addOption(qualityOption())
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
    quality: flags.quality,
    // TensorRT's engines are built once per graph and size, then reused: they live in the data folder.
    engineCache: join(resolve(flags.dataDir ?? defaultDataDir()), 'tensorrt-cache'),
    noise: flags.noise,
  };
}
