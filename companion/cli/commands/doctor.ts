// `shotline doctor [--model DIR]`: execution providers, GPU memory and a bundle; with --backend, that backend's
// preflight (what it lacks before its first job), one line per check.
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { providerNames } from '../../backends/onnx/provider-names';
import { CliError } from '../cli-error';
import { DOCTOR_BACKENDS, type DoctorBackend } from '../doctor-backend-names';
import { remoteOptions, remoteSettings, type RemoteFlags } from './remote-flags';

type DoctorFlags = RemoteFlags & {
  model?: string;
  provider: string;
  open: boolean;
  backend?: DoctorBackend[];
  json: boolean;
};

async function doctorBackends(flags: DoctorFlags): Promise<void> {
  const { doctorBackend, formatPreflight } = await import('../doctor-backends');
  const settings = remoteSettings(flags);
  const results = [];
  for (const name of flags.backend ?? []) {
    results.push(
      await doctorBackend(
        name,
        settings,
        { model: flags.model, provider: flags.provider, open: flags.open },
        AbortSignal.timeout(60_000),
      ),
    );
  }
  if (flags.json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  else for (const r of results) process.stdout.write(formatPreflight(r).join('\n') + '\n');
  const failed = results.filter((r) => r.state !== 'ready').map((r) => r.backend);
  if (failed.length > 0) throw new CliError(`${failed.join(', ')} cannot run yet (see above).`, 1);
}

export function registerDoctor(program: Command): void {
  const command = program
    .command('doctor')
    .description(
      'check onnxruntime execution providers, GPU memory and (with --model) a model bundle; with --backend, what that backend lacks',
    )
    .option('--model <dir>', 'model bundle to check: files, then each graph opened once against the manifest')
    .addOption(
      new Option('--provider <name>', 'provider to open the bundle with')
        .choices(providerNames)
        .default('auto'),
    )
    .option('--no-open', 'check the manifest and files only (opening real graphs takes minutes)')
    .addOption(
      new Option(
        '--backend <name...>',
        'backends to preflight, one line per check; exits 1 when one cannot run',
      ).choices(DOCTOR_BACKENDS),
    )
    .option('--json', 'with --backend: print the preflight results as JSON', false);
  remoteOptions(command).action(async (flags: DoctorFlags) => {
    if (flags.backend) return doctorBackends(flags);
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
