// `shotline doctor [--model DIR]`: execution providers, GPU memory and a bundle; with --backend, that backend's
// preflight (what it lacks before its first job), one line per check.
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { FrameSize } from '../../../shared/protocol';
import { providerNames } from '../../backends/onnx/provider-names';
import { parseSize } from '../arguments';
import { CliError } from '../cli-error';
import { remoteOptions, remoteSettings, type RemoteFlags } from './remote-flags';

export const DOCTOR_BACKENDS = ['slate', 'onnx', 'comfyui', 'dashscope'] as const;

type DoctorFlags = RemoteFlags & {
  model?: string;
  provider: string;
  open: boolean;
  size?: FrameSize[];
  backend?: (typeof DOCTOR_BACKENDS)[number][];
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
    .option('--json', 'with --backend: print the preflight results as JSON', false);
  remoteOptions(command).action(async (flags: DoctorFlags) => {
    if (flags.backend) return doctorBackends(flags);
    const { bundleHealth, checkBundle, providerTable } = await import('../../backends/onnx/doctor-checks');
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
    if (!flags.model) return;
    const dir = resolve(flags.model);
    const bundleFailed = (err: unknown) =>
      new CliError(`model bundle check failed: ${(err as Error).message}`, 1);
    let health: ReturnType<typeof bundleHealth>;
    try {
      health = bundleHealth(dir, flags.size, gpus);
    } catch (err) {
      throw bundleFailed(err);
    }
    print(`Files of ${dir}:`);
    for (const problem of health.files) print(`  FAIL ${problem.file.padEnd(18)} ${problem.sentence}`);
    if (!health.files.length) print('  ok   every graph and its external data is complete (no LFS pointers)');
    print(`  ${health.tokenizer.ok ? 'ok  ' : 'FAIL'} tokenizer          ${health.tokenizer.detail}`);
    print('Estimated GPU memory (weights on disk + activations + 1 GiB runtime):');
    for (const line of health.memory) print(`  ${line}`);
    const seq = flags.size?.[0];
    if (health.defaults.length)
      print(`Defaults on this GPU for a ${seq ? `${seq.width}x${seq.height}` : '1920x1080'} sequence:`);
    for (const line of health.defaults) print(`  ${line}`);
    // A pointer or a short data file would only fail again, less clearly, when its graph opens.
    let failed = health.files.length > 0 || !health.tokenizer.ok;
    if (health.files.length) throw new CliError('model bundle check failed.', 1);
    try {
      const bundle = await checkBundle(dir, flags.provider, flags.open);
      print(`Model bundle ${dir}: ${bundle.name}`);
      for (const g of bundle.graphs) {
        failed ||= !g.ok;
        print(`  ${g.ok ? 'ok  ' : 'FAIL'} ${g.graph.padEnd(18)} ${g.detail}`);
      }
    } catch (err) {
      throw bundleFailed(err);
    }
    if (failed) throw new CliError('model bundle check failed.', 1);
  });
}
