// `shotline generate`: one clip from a prompt, headless, through the daemon's own pipeline.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import type { FrameRate, FrameSize, ShotRequestInput } from '../../../shared/protocol';
import { fpsOption, parseDurationSeconds, parseSeed, sizeOption } from '../arguments';
import { mediaOptions, type MediaFlags } from './media-flags';
import { backendOptions, backendSettingsFromFlags, type BackendFlags } from './backend-flags';
import { CliError } from '../cli-error';
import { progressOptions, type ProgressFlags } from './progress-flags';

interface GenerateFlags extends MediaFlags, BackendFlags, ProgressFlags {
  prompt: string;
  negative?: string;
  backend: string;
  duration: number;
  fps: FrameRate;
  size: FrameSize;
  seed?: number;
  shotId: string;
  out: string;
}

/** What generate and promote share: flags that pick the backend and how the clip is written and reported. */
export type OneShotFlags = MediaFlags & BackendFlags & ProgressFlags & { backend: string };

export function checkWritableFile(path: string): void {
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new CliError(`cannot write ${path}: folder ${dir} does not exist.`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new CliError(`cannot write ${path}: folder ${dir} is not writable.`);
  }
  if (existsSync(path) && statSync(path).isDirectory())
    throw new CliError(`cannot write ${path}: it is a folder.`);
}

export function registerGenerate(program: Command): void {
  const command = mediaOptions(
    program
      .command('generate')
      .description('generate one clip from a prompt and write it with its provenance sidecar')
      .requiredOption('--prompt <text>', 'what the shot shows')
      .option('--negative <text>', 'negative prompt')
      .option('--backend <name>', 'backend to generate with', 'slate')
      .option('--duration <seconds>', 'clip length in seconds', parseDurationSeconds, 6)
      .addOption(fpsOption('frame rate: 24, 23.976, 25, 29.97, 30000/1001 …'))
      .addOption(sizeOption('frame size'))
      .option('--seed <n>', 'seed (random when omitted; recorded in the sidecar)', parseSeed)
      .option('--shot-id <id>', 'shot id shown on the slate and in provenance', 'SHOT-1')
      .requiredOption(
        '--out <file>',
        'output clip path (.mp4, or .mov for ProRes); clip.json is written beside it',
      ),
  );
  backendOptions(progressOptions(command)).action(async (flags: GenerateFlags) => {
    const out = resolve(flags.out);
    checkWritableFile(out);
    await generateOne(flags, out, {
      shotId: flags.shotId,
      prompt: flags.prompt,
      ...(flags.negative !== undefined && { negativePrompt: flags.negative }),
      duration: { seconds: flags.duration },
      fps: flags.fps,
      size: flags.size,
      ...(flags.seed !== undefined && { seed: flags.seed }),
      backend: flags.backend,
      takes: 1,
      ...(flags.quality && { quality: flags.quality }),
    });
  });
}

/** One shot through the daemon's own pipeline to `out`, with progress and the end summary. */
export async function generateOne(flags: OneShotFlags, out: string, input: ShotRequestInput): Promise<void> {
  // Loaded here, not at the top: `--help` and the other commands should not pay for them.
  const { Companion } = await import('../../companion');
  const { ShotRequestSchema } = await import('../../../shared/protocol');
  const { progressMode, progressReporters } = await import('../progress/reporters');
  const { batchSummary, watchBatch } = await import('../progress/watch-batch');
  const companion = new Companion({
    outputDir: dirname(out),
    backends: [flags.backend],
    backendSettings: backendSettingsFromFlags(flags),
    codec: flags.codec,
    fit: flags.fit,
    rateMode: flags.rateMode,
    burnInLabel: flags.burnInLabel,
  });
  const reporter = await progressReporters[progressMode(flags)]();
  try {
    const shot = ShotRequestSchema.parse(input);
    const jobs = companion.submit([shot], { ownerId: 'cli', outPath: out });
    const outDir = dirname(out);
    const result = await watchBatch(companion, jobs, reporter, { backend: flags.backend, outDir, jobs: 1 });
    reporter.report(batchSummary(result, outDir));
    if (result.failed.length) throw new CliError(result.failed[0]!.error?.message ?? 'generation failed', 1);
  } finally {
    reporter.stop();
    await companion.close();
  }
}
