// The panel as Premiere runs it: Spectrum widgets (stand-ins with UXP's documented limits), macOS, 25.6,
// file import through UXP's picker, pairing by code, and one undo entry per action; screenshots at the
// panel sizes an editor docks it at, with Generate in view.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PairingCodes } from '../../companion/config/pairing-code';
import type { RunningCompanion } from '../support/companion-harness';
import { startE2eRig, stopE2eRig } from '../support/e2e-rig';
import { E2E_OUTPUT } from '../support/harness-web';

/** The harness globals these tests use (see plugin/harness/index.tsx). */
interface HarnessWindow {
  __shotlineSim: {
    undoCount: number;
    snapshot(): { undoStack: string[]; videoTracks: unknown[][] };
    addClip(
      track: number,
      clip: { name: string; startTicks: bigint; endTicks: bigint; mediaPath?: string },
    ): void;
    selectClip(track: number, name: string): void;
    undo(): string | undefined;
  };
  __shotlineUxp: { toOpen: { name: string; text: string }[] };
}

const SCRIPT = [
  'EXT. ROOFTOP - NIGHT',
  '',
  'Kai sprints across the wet roof.',
  '',
  'He leaps as the fuel tank explodes behind him.',
  '',
  'INT. LAB - DAY',
  '',
  'Mara studies the footage on a monitor.',
].join('\n');

describe('panel in UXP widget mode (macOS, Premiere 25.6)', () => {
  let companion: RunningCompanion;
  let web: Server;
  let browser: Browser;
  let codes: PairingCodes;

  beforeAll(async () => {
    ({ companion, web, browser, codes } = await startE2eRig('uxp'));
  });
  afterAll(() => stopE2eRig({ companion, web, browser }));

  async function open(width: number, height: number): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width, height } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const port = (web.address() as AddressInfo).port;
    const query = `companion=${encodeURIComponent(companion.url)}&fps=25&size=320x180&spectrum=1&platform=mac&ppro=25.6`;
    await page.goto(`http://127.0.0.1:${port}/?${query}`);
    return { page, errors };
  }

  /** Typing into a Spectrum text field: the stand-in keeps a real input in its shadow root. */
  const typeInto = (page: Page, testId: string, text: string) =>
    page.getByTestId(testId).locator('input').fill(text);

  const undoCount = (page: Page) =>
    page.evaluate(() => (window as unknown as HarnessWindow).__shotlineSim.undoCount);

  test('the stand-in plays the macOS limit: a password field reads as empty', async () => {
    const { page } = await open(800, 600);
    const read = await page.evaluate(() => {
      const field = document.createElement('sp-textfield') as HTMLElement & { value: string };
      field.setAttribute('type', 'password');
      document.body.append(field);
      (field.shadowRoot?.querySelector('input') as HTMLInputElement).value = 'secret';
      return field.value;
    });
    expect(read).toBe('');
    // The panel asks for no password: its pairing field is plain text and Connect works with a code.
    expect(await page.getByTestId('pairing-code-input').getAttribute('type')).toBe('text');
  });

  test('import a script through the UXP picker, pair with a code, generate, place all: one undo entry', async () => {
    const { page, errors } = await open(320, 700);
    await page.evaluate((text) => {
      (window as unknown as HarnessWindow).__shotlineUxp.toOpen.push({ name: 'night.fountain', text });
    }, SCRIPT);
    await page.getByTestId('script-import-button').click();
    await page.waitForSelector('[data-testid=script-line-9][data-selected=true]');
    expect(await page.getByTestId('script-format').textContent()).toBe('Fountain (night.fountain): 3 shots');
    expect(await page.getByTestId('generate-why').textContent()).toBe('Connect to the companion first.');

    await typeInto(page, 'pairing-code-input', codes.issue().display);
    await page.getByTestId('connect-button').click();
    await page.waitForSelector('[data-testid=connection-state][data-status=connected]');
    await typeInto(page, 'duration-input', '1');

    // At 320×700, with shots listed, Generate is on screen without scrolling.
    const box = await page.getByTestId('generate-button').boundingBox();
    expect(box && box.y + box.height <= 700 && box.x + box.width <= 320).toBe(true);
    await page.screenshot({ path: join(E2E_OUTPUT, 'uxp-320x700.png') });
    // Opened, the Advanced section (templates, variants, placement) still fits 320 px: nothing scrolls sideways.
    await page.getByTestId('advanced').click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: join(E2E_OUTPUT, 'uxp-320x700-advanced.png'), fullPage: true });
    await page.getByTestId('advanced').click();

    const beforeGenerate = await undoCount(page);
    await page.getByTestId('generate-button').click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid^=job-job_][data-status=done]').length === 3,
      null,
      { timeout: 60_000 },
    );
    expect(await undoCount(page)).toBe(beforeGenerate);

    await page.getByTestId('place-all-button').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=sim-clip]').length === 3);
    const stack = await page.evaluate(
      () => (window as unknown as HarnessWindow).__shotlineSim.snapshot().undoStack,
    );
    expect(stack.filter((n) => n.startsWith('Shotline: place'))).toHaveLength(1);
    // New bins need their own entries, one per level for the whole batch (Shotline, scenes, shots).
    expect(stack.filter((n) => n.startsWith('Shotline: make bins'))).toHaveLength(3);
    expect(stack).toHaveLength(4);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=place-again-button]').length === 3,
    );

    // Undo in Premiere: the panel notices the clips are gone and offers Place again, not "Placed".
    await page.evaluate(() => (window as unknown as HarnessWindow).__shotlineSim.undo());
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=place-button]').length === 3);
    expect(await page.getByTestId('place-all-button').textContent()).toBe('Place all (3)');
    expect(errors).toEqual([]);
  });

  test('at 800×600 Generate is in view; From transcript works on 25.6', async () => {
    const { page, errors } = await open(800, 600);
    await page.getByTestId('script-input').fill('A courier van idles in the rain.');
    await page.waitForSelector('[data-testid=script-line-1][data-selected=true]');
    const box = await page.getByTestId('generate-button').boundingBox();
    expect(box && box.y + box.height <= 600).toBe(true);
    await page.screenshot({ path: join(E2E_OUTPUT, 'uxp-800x600.png') });

    await page.evaluate(() => {
      const sim = (window as unknown as HarnessWindow).__shotlineSim;
      sim.addClip(0, { name: 'talk', startTicks: 0n, endTicks: 254016000000n, mediaPath: '/m/talk.mov' });
      sim.selectClip(0, 'talk');
    });
    await page.getByTestId('from-transcript-button').click();
    await page.waitForSelector('[role=alert]');
    expect(await page.locator('[role=alert]').first().textContent()).toContain(
      '"talk" has no transcript: transcribe it in the Text panel first.',
    );
    expect(errors).toEqual([]);
  });
});
