// `shotline` command line: the daemon and the headless commands share one Companion core.
import { Command, CommanderError } from 'commander';
import { SOFTWARE } from '../version';
import { CliError } from './cli-error';
import { registerGenerate } from './commands/generate';
import { registerServe } from './commands/serve';
import { registerWorker } from './commands/worker';
import { registerUser } from './commands/user';
import { registerPair } from './commands/pair';
import { registerWriteManifest } from './commands/write-manifest';
import { registerRenderScript } from './commands/render-script';
import { registerShots } from './commands/shots';
import { registerDoctor } from './commands/doctor';
import { registerMakeTestModel } from './commands/make-test-model';
import { registerExportWan } from './commands/export-wan';
import { registerPromote } from './commands/promote';

export function buildProgram(): Command {
  const program = new Command('shotline')
    .description('Shotline companion: turns script lines into labelled AI previz clips')
    .version(SOFTWARE.version)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str.trim().split('\n')[0] + '\n') });
  registerServe(program);
  registerWorker(program);
  registerUser(program);
  registerPair(program);
  registerWriteManifest(program);
  registerGenerate(program);
  registerPromote(program);
  registerRenderScript(program);
  registerShots(program);
  registerMakeTestModel(program);
  registerExportWan(program);
  registerDoctor(program);
  program
    .command('protocol-docs')
    .description('print the protocol reference (docs/protocol.md) generated from the schemas')
    .action(async () => {
      const { renderProtocolDoc } = await import('../../shared/protocol');
      process.stdout.write(renderProtocolDoc());
    });
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`shotline: ${message}\n`);
    process.exitCode = err instanceof CliError ? err.exitCode : 1;
  }
}
