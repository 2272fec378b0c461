// `shotline export-wan CHECKPOINT_DIR OUT_DIR`: the official Wan checkpoints -> a Shotline model bundle.
import { Option, type Command } from 'commander';
import type { WanExportOptions } from '../../backends/onnx/wan-export-runner';

export function registerExportWan(program: Command): void {
  program
    .command('export-wan')
    .description('export official Wan checkpoints to a Shotline model bundle (needs Python with torch)')
    .argument('<checkpoint-dir>', 'the downloaded checkpoint folder (e.g. Wan2.2-T2V-A14B)')
    .argument('<out-dir>', 'folder to write the bundle into')
    .addOption(
      new Option('--variant <name>', 'checkpoint layout')
        .choices(['wan22-a14b', 'wan22-i2v-a14b', 'wan22-5b', 'wan21-14b'])
        .makeOptionMandatory(),
    )
    .addOption(
      new Option(
        '--dtype <type>',
        'precision: fp16 or bf16 experts store and compute in half (bf16: CUDA only); fp8 stores their matrices in float8 and computes in fp16 (CUDA and CPU, not DirectML)',
      )
        .choices(['fp16', 'bf16', 'fp32', 'fp8'])
        .default('fp32'),
    )
    .option('--wan-source <dir>', 'the official Wan2.2 source (git clone or .tar.gz); default $WAN_SOURCE')
    .option(
      '--python <path>',
      'python with tools/wan-export/requirements.txt; default $SHOTLINE_PYTHON or python3',
    )
    .addOption(new Option('--external-over <bytes>').argParser(Number).hideHelp())
    .action(
      async (
        checkpoint: string,
        out: string,
        flags: {
          variant: WanExportOptions['variant'];
          dtype: WanExportOptions['dtype'];
          wanSource?: string;
          python?: string;
          externalOver?: number;
        },
      ) => {
        // Lazy: the runner pulls in zod schemas and child_process only when the command runs.
        const { exportWan } = await import('../../backends/onnx/wan-export-runner');
        const manifest = await exportWan({
          checkpoint,
          out,
          variant: flags.variant,
          dtype: flags.dtype,
          python: flags.python ?? process.env['SHOTLINE_PYTHON'] ?? 'python3',
          wanSource: flags.wanSource ?? process.env['WAN_SOURCE'],
          ...(flags.externalOver !== undefined && { externalOver: flags.externalOver }),
        });
        const graphs = manifest.transformer.experts.map((e) => e.file).join(', ');
        process.stdout.write(
          `Wrote ${manifest.name} (${manifest.variant}, opset ${manifest.export?.opset}) to ${out}: ${graphs}\n`,
        );
      },
    );
}
