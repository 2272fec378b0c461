// `shotline serve`: the daemon the panel pairs with.
import type { Command } from 'commander';
import { prepareDataDir, defaultDataDir } from '../../config/data-dir';
import { loadOrCreateToken } from '../../config/token';
import { Companion } from '../../companion';
import { CompanionServer } from '../../server/server';
import { parsePort } from '../arguments';
import { createLogger } from '../logger';
import { mediaOptions, type MediaFlags } from './media-flags';

interface ServeFlags extends MediaFlags {
  port: number;
  dataDir: string;
  backends: string;
  printToken: boolean;
}

export function registerServe(program: Command): void {
  mediaOptions(
    program
      .command('serve')
      .description('start the companion daemon on 127.0.0.1 for the panel to pair with')
      .option('--port <port>', 'TCP port on 127.0.0.1 (0 picks a free one)', parsePort, 7391)
      .option('--data-dir <dir>', 'where the token, outputs and state live', defaultDataDir())
      .option('--backends <names>', 'comma-separated backends to offer', 'slate')
      .option('--print-token', 'print the full pairing token on stdout (for scripts and tests)', false),
  ).action(async (flags: ServeFlags) => {
    const log = createLogger();
    const layout = prepareDataDir(flags.dataDir);
    const token = loadOrCreateToken(layout.tokenFile);
    const companion = new Companion({
      outputDir: layout.outputs,
      backends: flags.backends
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      codec: flags.codec,
      fit: flags.fit,
      rateMode: flags.rateMode,
    });
    const server = new CompanionServer(companion, { port: flags.port, token: token.value, log });
    const address = await server.listen();
    const url = `ws://127.0.0.1:${address.port}`;
    process.stdout.write(
      [
        `Shotline companion listening on ${url}`,
        `Outputs: ${layout.outputs}`,
        `Pairing token ${token.created ? '(new) ' : ''}in ${layout.tokenFile} — paste it into the panel's Pair field.`,
        ...(flags.printToken ? [`TOKEN ${token.value}`] : []),
        `READY ${url}`,
        '',
      ].join('\n'),
    );
    const shutdown = async (signal: string) => {
      log.info({ signal }, 'shutting down');
      await server.close();
      await companion.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
  });
}
