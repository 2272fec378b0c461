// `shotline promote CLIP`: the chosen draft take rendered again at final quality, same seed, prompt and shot.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../cli-error';
import { backendOptions, type BackendFlags } from './backend-flags';
import { checkWritableFile, generateOne } from './generate';
import { mediaOptions, type MediaFlags } from './media-flags';
import { progressOptions, type ProgressFlags } from './progress-flags';

interface PromoteFlags extends MediaFlags, BackendFlags, ProgressFlags {
  backend?: string;
  out?: string;
}

/** The sidecar beside a clip (`take.mp4` → `take.json`), or the sidecar itself. */
function sidecarOf(path: string): string {
  return /\.json$/i.test(path) ? path : path.replace(/\.(mp4|mov)$/i, '') + '.json';
}

export function registerPromote(program: Command): void {
  const command = mediaOptions(
    program
      .command('promote')
      .description(
        'render a draft take again at final quality with the same seed and prompt (reads its clip.json)',
      )
      .argument('<clip>', 'the draft clip (or its .json sidecar)')
      .option('--backend <name>', 'backend to render with (default: the draft’s)')
      .option('--out <file>', 'output clip path (default: beside the draft, "_final" added to its name)'),
  );
  backendOptions(progressOptions(command)).action(async (clip: string, flags: PromoteFlags) => {
    const { ProvenanceSchema, JobOutputSchema } = await import('../../../shared/protocol');
    const sidecar = resolve(sidecarOf(clip));
    if (!existsSync(sidecar))
      throw new CliError(`cannot promote ${clip}: its sidecar ${sidecar} is missing.`);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(sidecar, 'utf8'));
    } catch (err) {
      throw new CliError(`cannot promote ${clip}: ${sidecar} is not JSON (${(err as Error).message}).`);
    }
    const parsed = ProvenanceSchema.extend({
      output: JobOutputSchema.pick({ frames: true, fps: true, width: true, height: true, path: true }),
    }).safeParse(json);
    if (!parsed.success)
      throw new CliError(`cannot promote ${clip}: ${sidecar} is not a Shotline clip sidecar.`);
    const p = parsed.data;
    if (p.quality !== 'draft')
      throw new CliError(
        `cannot promote ${clip}: it is not a draft take (its sidecar records no draft quality).`,
      );
    const draftPath = resolve(dirname(sidecar), basename(p.output.path));
    const ext = extname(draftPath) || '.mp4';
    const out = resolve(flags.out ?? join(dirname(draftPath), `${basename(draftPath, ext)}_final${ext}`));
    checkWritableFile(out);
    const backend = flags.backend ?? p.backend;
    await generateOne({ ...flags, backend }, out, {
      shotId: p.shotId,
      prompt: p.prompt,
      ...(p.negativePrompt !== undefined && { negativePrompt: p.negativePrompt }),
      ...(p.sceneHeading !== undefined && { sceneHeading: p.sceneHeading }),
      ...(p.sourceText !== undefined && { sourceText: p.sourceText }),
      ...(p.sourceLine !== undefined && { sourceLine: p.sourceLine }),
      duration: { frames: p.output.frames },
      fps: p.output.fps,
      size: { width: p.output.width, height: p.output.height },
      seed: p.seed,
      backend,
      takes: 1,
      firstTake: p.take,
      quality: 'final',
    });
  });
}
