// `shotline doctor [--model DIR]`: execution providers and GPU memory, then what each configured backend lacks
// before its first job (with --backend, the backends named), one line per check.
import { Option, type Command } from 'commander';
import { providerNames } from '../../backends/onnx/provider-names';
import { CliError } from '../cli-error';
import { DOCTOR_BACKENDS, type DoctorBackend } from '../doctor-backend-names';
import { configuredBackends } from './doctor-configured';
import { remoteOptions, remoteSettings, type RemoteFlags } from './remote-flags';

type DoctorFlags = RemoteFlags & {
  model?: string;
  provider: string;
  open: boolean;
  backend?: DoctorBackend[];
  defaultBackend: DoctorBackend;
  json: boolean;
};

/** Preflights `names`, one block (or JSON object) each; fails when one of `required` cannot run. */
async function doctorBackends(
  flags: DoctorFlags,
  names: readonly DoctorBackend[],
  required: readonly string[],
): Promise<void> {
  const { doctorBackend, formatPreflight } = await import('../doctor-backends');
  const settings = remoteSettings(flags);
  // All at once, reported in the order asked: a slow server does not hold the others back.
  const results = await Promise.all(
    names.map((name) =>
      doctorBackend(
        name,
        settings,
        { model: flags.model, provider: flags.provider, open: flags.open },
        AbortSignal.timeout(60_000),
      ),
    ),
  );
  if (flags.json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  else for (const r of results) process.stdout.write(formatPreflight(r).join('\n') + '\n');
  const failed = results
    .filter((r) => r.state !== 'ready' && required.includes(r.backend))
    .map((r) => r.backend);
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
    .addOption(
      new Option(
        '--default-backend <name>',
        'without --backend: the backend you generate with; doctor exits 1 when it cannot run',
      )
        .choices(DOCTOR_BACKENDS)
        .default('slate'),
    )
    .option('--json', 'print the preflight results as JSON (no provider table)', false);
  remoteOptions(command).action(async (flags: DoctorFlags) => {
    if (flags.backend) return doctorBackends(flags, flags.backend, flags.backend);
    // Every configured backend is reported; the default must run, and so must a bundle given with --model.
    const all = configuredBackends(flags);
    const required = [flags.defaultBackend, ...(flags.model ? ['onnx'] : [])];
    if (flags.json) return doctorBackends(flags, all, required);
    const { gpuMemory, providerTable } = await import('../../backends/onnx/doctor-checks');
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
    print('');
    // The bundle given with --model is checked once, in the onnx block.
    await doctorBackends(flags, all, required);
  });
}
