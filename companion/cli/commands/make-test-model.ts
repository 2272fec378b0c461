// `shotline make-test-model DIR`: writes the tiny seeded Wan-shaped bundle used by tests and demos.
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { CliError } from '../cli-error';

const VARIANTS = {
  'wan21-14b': 'wan21-t2v-14b',
  'wan22-a14b': 'wan22-t2v-a14b',
  'wan22-5b': 'wan22-ti2v-5b',
} as const;

export function registerMakeTestModel(program: Command): void {
  program
    .command('make-test-model')
    .description(
      'write a tiny Wan-shaped model bundle with seeded random weights (for tests, not for pictures)',
    )
    .argument('<dir>', 'folder to write the bundle into')
    .addOption(
      new Option('--variant <name>', 'bundle layout').choices(Object.keys(VARIANTS)).default('wan21-14b'),
    )
    .option('--draft', 'also write 4-step "distilled" experts and the manifest’s draft section')
    .action(async (dir: string, flags: { variant: keyof typeof VARIANTS; draft?: boolean }) => {
      let make: typeof import('../../backends/onnx/test-model/make-test-bundle').makeTestBundle;
      try {
        // Lazy: the builder needs onnx-proto, a development dependency.
        ({ makeTestBundle: make } = await import('../../backends/onnx/test-model/make-test-bundle'));
      } catch (err) {
        throw new CliError(
          `make-test-model needs the development dependencies (onnx-proto): ${(err as Error).message}`,
          1,
        );
      }
      const out = resolve(dir);
      const manifest = await make(out, { variant: VARIANTS[flags.variant], draft: flags.draft === true });
      process.stdout.write(`Wrote ${manifest.name} (${manifest.variant}) to ${out}\n`);
    });
}
