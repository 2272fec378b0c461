// `shotline pair`: a fresh one-time pairing code for the daemon running on this data folder.
import type { Command } from 'commander';
import { defaultDataDir, prepareDataDir } from '../../config/data-dir';
import type { IssuedCode } from '../../config/pairing-code';

/** The line `serve` and `pair` print: what to type, where, and until when. */
export function pairingCodeLine(issued: IssuedCode): string {
  const until = new Date(issued.expiresAt).toTimeString().slice(0, 5);
  return `Pairing code ${issued.display} (valid until ${until}, once): type it into the Shotline panel and press Connect.`;
}

export function registerPair(program: Command): void {
  program
    .command('pair')
    .description('print a one-time pairing code for the panel (replaces the previous code)')
    .option('--data-dir <dir>', "the companion's data folder", defaultDataDir())
    .action(async (flags: { dataDir: string }) => {
      const { PairingCodes } = await import('../../config/pairing-code');
      const layout = prepareDataDir(flags.dataDir);
      process.stdout.write(`${pairingCodeLine(new PairingCodes(layout.pairingCodeFile).issue())}\n`);
    });
}
