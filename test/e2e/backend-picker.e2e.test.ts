// The backend picker in headless Chromium: a ComfyUI without its model files shows "needs something" with the
// missing files, and Generate is off saying why; the slate beside it is ready.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { PairingCodes } from '../../companion/config/pairing-code';
import { startCompanion, type RunningCompanion } from '../support/companion-harness';
import { FakeComfyUI } from '../support/fake-comfyui';
import { E2E_OUTPUT, launchChromium, serveHarness } from '../support/harness-web';
import { makeTestClip } from '../support/remote-clip';

describe('backend picker in Chromium', () => {
  let dir: string;
  let fake: FakeComfyUI;
  let companion: RunningCompanion;
  let web: Server;
  let browser: Browser;
  let codes: PairingCodes;

  beforeAll(async () => {
    mkdirSync(E2E_OUTPUT, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'shotline-e2e-picker-'));
    fake = await FakeComfyUI.start(
      makeTestClip(join(dir, 'clip.mp4'), { width: 64, height: 64, fps: 16, frames: 5 }),
    );
    fake.models.delete('wan2.2_t2v_high_noise_14B_fp8_scaled.safetensors');
    codes = new PairingCodes(join(dir, 'codes'));
    companion = await startCompanion(
      { backends: ['slate', 'comfyui'], backendSettings: { comfyui: { url: fake.url } } },
      { pairingCodes: codes },
    );
    web = await serveHarness();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    web?.close();
    await companion?.stop();
    await fake?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('picking ComfyUI shows what it lacks and turns Generate off; picking the slate turns it on', async () => {
    const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const port = (web.address() as AddressInfo).port;
    await page.goto(`http://127.0.0.1:${port}/?companion=${encodeURIComponent(companion.url)}`);
    await page.getByTestId('pairing-code-input').fill(codes.issue().display);
    await page.getByTestId('connect-button').click();
    await page.waitForSelector('[data-testid=connection-state][data-status=connected]');
    await page.getByTestId('script-input').fill('Kai leaps from the edge.');
    await page.waitForSelector('[data-testid=script-line-1][data-selected=true]');

    await page.getByTestId('backend-select').selectOption('comfyui');
    await page.waitForSelector('[data-testid=backend-state][data-state=needs]');
    const state = await page.getByTestId('backend-state').textContent();
    expect(state).toContain(
      'ComfyUI has no wan2.2_t2v_high_noise_14B_fp8_scaled.safetensors in models/diffusion_models',
    );
    expect(await page.getByTestId('generate-button').isDisabled()).toBe(true);
    expect(await page.getByTestId('generate-why').textContent()).toContain(`cannot run: ${state}`);
    const labels = await page.$$eval('[data-testid=backend-select] option', (els) =>
      els.map((e) => e.textContent),
    );
    expect(labels).toEqual([
      'Slate (placeholder clips, no GPU) — ready',
      expect.stringMatching(/^ComfyUI .* — needs something$/),
    ]);
    await page.screenshot({ path: join(E2E_OUTPUT, 'backend-picker.png'), fullPage: true });

    await page.getByTestId('backend-select').selectOption('slate');
    await page.waitForSelector('[data-testid=backend-state][data-state=ready]');
    expect(await page.getByTestId('generate-button').isDisabled()).toBe(false);
    expect(fake.submitted).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
