// What every panel e2e suite starts before its tests: a companion that pairs by code, the harness page's web
// server and Chromium; and stops after them, whatever part of the start got through.
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { CompanionOptions } from '../../companion/companion';
import { PairingCodes } from '../../companion/config/pairing-code';
import { startCompanion, type RunningCompanion } from './companion-harness';
import { E2E_OUTPUT, launchChromium, serveHarness } from './harness-web';

export interface E2eRig {
  companion: RunningCompanion;
  web: Server;
  browser: Browser;
  codes: PairingCodes;
}

/** `name` keeps each suite's pairing-code file apart from the others running at the same time. */
export async function startE2eRig(name: string, options: Partial<CompanionOptions> = {}): Promise<E2eRig> {
  mkdirSync(E2E_OUTPUT, { recursive: true });
  const codes = new PairingCodes(join(tmpdir(), `shotline-e2e-${name}-code-${process.pid}`));
  const companion = await startCompanion(options, { pairingCodes: codes });
  const web = await serveHarness();
  const browser = await launchChromium();
  return { companion, web, browser, codes };
}

export async function stopE2eRig(rig: Partial<E2eRig>): Promise<void> {
  await rig.browser?.close();
  rig.web?.close();
  await rig.companion?.stop();
}
