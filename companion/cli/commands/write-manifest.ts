// `shotline write-manifest DIR`: describes downloaded Wan ONNX files (e.g. AkaneTendo25/wan21-onnx) for the onnx backend.
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { MANIFEST_FILE } from '../../../shared/model-bundle/manifest-file';
import { CliError } from '../cli-error';

const VARIANTS = {
  'wan21-14b': 'wan21-t2v-14b',
  'wan22-a14b': 'wan22-t2v-a14b',
  'wan22-5b': 'wan22-ti2v-5b',
} as const;

export function registerWriteManifest(program: Command): void {
  program
    .command('write-manifest')
    .description(`write ${MANIFEST_FILE} for a folder of Wan ONNX files laid out like the community export`)
    .argument('<dir>', 'folder holding the .onnx files, their .onnx.data and tokenizer.json')
    .addOption(
      new Option('--variant <name>', 'model layout').choices(Object.keys(VARIANTS)).default('wan21-14b'),
    )
    .addOption(
      new Option('--dit <file>', 'wan21-14b: which transformer export to use').choices([
        'dit.onnx',
        'dit_fp16.onnx',
      ]),
    )
    .option('--draft', 'also describe 4-step distilled experts (<expert>_4step.onnx) for --quality draft')
    .option('--force', `overwrite an existing ${MANIFEST_FILE}`, false)
    .action(
      async (
        dir: string,
        flags: {
          variant: keyof typeof VARIANTS;
          dit?: 'dit.onnx' | 'dit_fp16.onnx';
          draft?: boolean;
          force: boolean;
        },
      ) => {
        const { wanManifest } = await import('../../../shared/model-bundle');
        const out = join(resolve(dir), MANIFEST_FILE);
        if (existsSync(out) && !flags.force) throw new CliError(`${out} exists; add --force to replace it.`);
        const manifest = wanManifest(VARIANTS[flags.variant], {
          ...(flags.dit && { ditFile: flags.dit }),
          ...(flags.draft && { draft: true }),
        });
        writeFileSync(out, JSON.stringify(manifest, null, 2) + '\n');
        process.stdout.write(
          `Wrote ${out}. Check the files with: npx shotline doctor --model ${resolve(dir)} --no-open\n`,
        );
      },
    );
}
