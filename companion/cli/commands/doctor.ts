// `shotline doctor [--model DIR]`: which execution providers load, the GPU's memory, and the bundle's check.
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { providerNames } from '../../backends/onnx/provider-names';
import { CliError } from '../cli-error';

interface DoctorFlags {
  model?: string;
  provider: string;
  open: boolean;
}

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check onnxruntime execution providers, GPU memory and (with --model) a model bundle')
    .option('--model <dir>', 'model bundle to check: files, then each graph opened once against the manifest')
    .addOption(
      new Option('--provider <name>', 'provider to open the bundle with')
        .choices(providerNames)
        .default('auto'),
    )
    .option('--no-open', 'check the manifest and files only (opening real graphs takes minutes)')
    .action(async (flags: DoctorFlags) => {
      const { checkBundle, gpuMemory, providerTable } = await import('../../backends/onnx/doctor-checks');
      const { hostPlatform, platformLabel } = await import('../../backends/onnx/providers');
      const print = (line: string) => process.stdout.write(line + '\n');
      print(`Execution providers in onnxruntime-node on ${platformLabel(hostPlatform())}:`);
      const table = await providerTable();
      for (const p of table.rows)
        print(`  ${p.ok ? 'ok  ' : p.shipped ? 'FAIL' : '--  '} ${p.provider.padEnd(8)} ${p.detail}`);
      const passed = table.auto.fallbacks.map((f) => f.provider);
      print(
        `auto uses [${table.auto.chain.join(', ')}]${passed.length ? ` (${passed.join(', ')} did not open)` : ''}`,
      );
      print(`GPU: ${gpuMemory()}`);
      if (!flags.model) return;
      let failed = false;
      try {
        const bundle = await checkBundle(resolve(flags.model), flags.provider, flags.open);
        print(`Model bundle ${resolve(flags.model)}: ${bundle.name}`);
        for (const g of bundle.graphs) {
          failed ||= !g.ok;
          print(`  ${g.ok ? 'ok  ' : 'FAIL'} ${g.graph.padEnd(18)} ${g.detail}`);
        }
      } catch (err) {
        throw new CliError(`model bundle check failed: ${(err as Error).message}`, 1);
      }
      if (failed) throw new CliError('model bundle check failed.', 1);
    });
}
