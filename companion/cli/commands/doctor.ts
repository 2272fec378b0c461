// `shotline doctor [--model DIR]`: execution providers and GPU memory, then what each configured backend lacks
// before its first job (with --backend, the backends named), one line per check.
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { FrameSize } from '../../../shared/protocol';
import type { BundleHealth } from '../../backends/onnx/doctor-checks';
import { providerNames } from '../../backends/onnx/provider-names';
import { parseSize } from '../arguments';
import { CliError } from '../cli-error';
import { DOCTOR_BACKENDS, type DoctorBackend } from '../doctor-backend-names';
import { configuredBackends } from './doctor-configured';
import { remoteOptions, remoteSettings, type RemoteFlags } from './remote-flags';

type DoctorFlags = RemoteFlags & {
  model?: string;
  provider: string;
  open: boolean;
  size?: FrameSize[];
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
    .option(
      '--size <WxH...>',
      'sizes to estimate the GPU memory for (default: the bundle’s documented sizes)',
      (value: string, previous: FrameSize[] | undefined) => [...(previous ?? []), parseSize(value)],
    )
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
    const { bundleHealth, providerTable } = await import('../../backends/onnx/doctor-checks');
    const { gpuMemoryLines, readGpuMemory } = await import('../../backends/onnx/gpu-memory');
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
    const gpus = await readGpuMemory();
    for (const line of gpuMemoryLines(gpus)) print(`GPU: ${line}`);
    let bundleFailed = false;
    if (flags.model) {
      const dir = resolve(flags.model);
      let health: BundleHealth;
      try {
        health = bundleHealth(dir, flags.size, gpus);
      } catch (err) {
        throw new CliError(`model bundle check failed: ${(err as Error).message}`, 1);
      }
      printBundleHealth(dir, health, flags.size?.[0], print);
      bundleFailed = health.files.length > 0 || !health.tokenizer.ok;
    }
    print('');
    // The bundle's graphs are opened once, in the onnx block.
    await doctorBackends(flags, all, required);
    if (bundleFailed) throw new CliError('model bundle check failed.', 1);
  });
}

/** What a bundle will hold on this GPU: tokenizer, memory per size and residency, and the defaults chosen. */
function printBundleHealth(
  dir: string,
  health: BundleHealth,
  seq: FrameSize | undefined,
  print: (line: string) => void,
) {
  print(`Files of ${dir}:`);
  for (const problem of health.files) print(`  FAIL ${problem.file.padEnd(18)} ${problem.sentence}`);
  // Estimates of a bundle with an LFS pointer or a short data file would mislead.
  if (health.files.length) return;
  print('  ok   every graph and its external data is complete (no LFS pointers)');
  print(`  ${health.tokenizer.ok ? 'ok  ' : 'FAIL'} tokenizer          ${health.tokenizer.detail}`);
  print('Estimated GPU memory (weights on disk + activations + 1 GiB runtime):');
  for (const line of health.memory) print(`  ${line}`);
  if (health.defaults.length)
    print(`Defaults on this GPU for a ${seq ? `${seq.width}x${seq.height}` : '1920x1080'} sequence:`);
  for (const line of health.defaults) print(`  ${line}`);
}
