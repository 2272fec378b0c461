// Starts a real companion (core + WebSocket server) on a free loopback port in a temp data dir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Companion, type CompanionOptions } from '../../companion/companion';
import { prepareDataDir } from '../../companion/config/data-dir';
import { loadOrCreateToken } from '../../companion/config/token';
import { CompanionServer, type ServerOptions } from '../../companion/server/server';

export interface RunningCompanion {
  url: string;
  token: string;
  dataDir: string;
  outputDir: string;
  companion: Companion;
  server: CompanionServer;
  stop(): Promise<void>;
}

export async function startCompanion(
  options: Partial<CompanionOptions> = {},
  serverOptions: Partial<ServerOptions> = {},
): Promise<RunningCompanion> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shotline-test-'));
  const layout = prepareDataDir(dataDir);
  const token = loadOrCreateToken(layout.tokenFile).value;
  const companion = new Companion({ outputDir: layout.outputs, backends: ['slate'], ...options });
  const server = new CompanionServer(companion, {
    port: 0,
    token,
    log: pino({ level: 'silent' }),
    ...serverOptions,
  });
  const address = await server.listen();
  return {
    url: `ws://127.0.0.1:${address.port}`,
    token,
    dataDir,
    outputDir: layout.outputs,
    companion,
    server,
    async stop() {
      await server.close();
      await companion.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
