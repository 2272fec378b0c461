// The panel in both languages in Chromium: Premiere's UI locale from the simulated host (`?locale=`, then
// `setUiLocale` live), the editor's remembered override, companion errors worded in Chinese, and every pane
// photographed at 320×700 with nothing wider than the panel.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PairingCodes } from '../../companion/config/pairing-code';
import type { RunningCompanion } from '../support/companion-harness';
import { startE2eRig, stopE2eRig } from '../support/e2e-rig';
import { E2E_OUTPUT } from '../support/harness-web';

interface HarnessWindow {
  __shotlineUxp: { setUiLocale(locale: string): void };
}

const WIDTH = 320;
const HEIGHT = 700;
const SCRIPT = [
  'EXT. ROOFTOP - NIGHT',
  '',
  'Kai sprints across the wet roof and leaps as the fuel tank explodes behind him.',
  '',
  '第1场 日 内 实验室',
  '',
  '一名身穿黑色风衣的女子盯着监视器上的画面，慢慢转身。',
].join('\n');

/** The panes an editor sees, by the test id of their opener (disclosures) or a selector inside the pane. */
const PANES: { name: string; open?: string; selector: string }[] = [
  { name: 'connection', selector: 'section.sl-pane:has([data-testid=connect-button])' },
  { name: 'script', selector: 'section.sl-pane:has([data-testid=script-input])' },
  { name: 'shot-details', open: 'shot-details', selector: '.sl-disclosure:has([data-testid=shot-details])' },
  { name: 'characters', open: 'characters', selector: '.sl-disclosure:has([data-testid=characters])' },
  { name: 'generate', selector: 'section.sl-pane:has([data-testid=generate-button])' },
  { name: 'advanced', open: 'advanced', selector: '.sl-disclosure:has([data-testid=advanced])' },
  { name: 'jobs', selector: 'section.sl-pane:has([data-testid=place-all-button])' },
  { name: 'footer', selector: 'main.sl-panel > footer' },
];

/** Elements of the panel that reach past its right edge, or whose content spills out of their own box. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate((width) => {
    const panel = document.querySelector('main.sl-panel');
    if (!panel) return ['no panel'];
    const out: string[] = [];
    for (const el of [panel, ...panel.querySelectorAll('*')] as HTMLElement[]) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      const spills =
        el.clientWidth > 0 &&
        el.scrollWidth > el.clientWidth + 1 &&
        !['TEXTAREA', 'INPUT', 'SELECT'].includes(el.tagName) &&
        !el.closest('.sl-ellipsis');
      if (rect.right > width + 0.5 || rect.left < -0.5 || spills) {
        const id = el.getAttribute('data-testid') ?? el.className ?? '';
        out.push(
          `${el.tagName.toLowerCase()}[${id}] ${Math.round(rect.left)}–${Math.round(rect.right)}: ${(el.textContent ?? '').slice(0, 40)}`,
        );
      }
    }
    return out;
  }, WIDTH);
}

describe('the panel in English and Simplified Chinese', () => {
  let companion: RunningCompanion;
  let web: Server;
  let browser: Browser;
  let codes: PairingCodes;

  beforeAll(async () => {
    ({ companion, web, browser, codes } = await startE2eRig('lang'));
  });
  afterAll(() => stopE2eRig({ companion, web, browser }));

  async function open(locale: string, page?: Page): Promise<{ page: Page; errors: string[] }> {
    const tab = page ?? (await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT } }));
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    const port = (web.address() as AddressInfo).port;
    const query = `companion=${encodeURIComponent(companion.url)}&fps=25&size=320x180&locale=${locale}`;
    await tab.goto(`http://127.0.0.1:${port}/?${query}`);
    return { page: tab, errors };
  }

  test.each([
    ['zh_CN', 'zh-CN', '连接', '已连接'],
    ['en_US', 'en', 'Connect', 'Connected to'],
  ])(
    'with Premiere in %s: every pane at 320×700, none wider than the panel',
    async (locale, tag, connect, connected) => {
      const { page, errors } = await open(locale);
      expect(await page.getByTestId('connect-button').textContent()).toBe(connect);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(tag);
      await page.getByTestId('script-input').fill(SCRIPT);
      await page.waitForSelector('[data-testid=script-line-7][data-selected=true]');
      await page.getByTestId('pairing-code-input').fill(codes.issue().display);
      await page.getByTestId('connect-button').click();
      await page.waitForSelector('[data-testid=connection-state][data-status=connected]');
      expect(await page.getByTestId('connection-state').textContent()).toContain(connected);
      await page.getByTestId('duration-input').fill('1');
      await page.getByTestId('generate-button').click();
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid^=job-job_][data-status=done]').length === 2,
        null,
        { timeout: 60_000 },
      );
      // The shot form shows the focused line: click the Chinese one twice (off, then on and focused).
      await page.getByTestId('script-line-7').click();
      await page.getByTestId('script-line-7').click();

      await page.screenshot({ path: join(E2E_OUTPUT, `lang-${tag}-320x700.png`) });
      for (const pane of PANES) {
        if (pane.open) await page.getByTestId(pane.open).click();
        // Fill gaps shows the most placement controls: the widest the pane gets.
        if (pane.name === 'advanced') await page.getByTestId('placement-mode').selectOption('gaps');
        const element = page.locator(pane.selector).first();
        await element.scrollIntoViewIfNeeded();
        await element.screenshot({ path: join(E2E_OUTPUT, `lang-${tag}-${pane.name}.png`) });
        expect(await overflowing(page)).toEqual([]);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
      await page.getByTestId('advanced').click();
      await page.getByTestId('characters').click();
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(E2E_OUTPUT, `lang-${tag}-panel.png`), fullPage: true });
      // The check sees a label that does not fit (so its silence above means something).
      await page.evaluate(() => {
        const wide = document.createElement('span');
        wide.setAttribute('data-testid', 'too-wide');
        wide.style.display = 'inline-block';
        wide.style.minWidth = '400px';
        document.querySelector('main.sl-panel footer')?.append(wide);
      });
      expect((await overflowing(page)).some((line) => line.includes('too-wide'))).toBe(true);
      expect(errors).toEqual([]);
    },
  );

  test('the panel follows the host locale stand-in live, and the editor’s choice wins and is remembered', async () => {
    const { page, errors } = await open('en_US');
    expect(await page.getByTestId('connect-button').textContent()).toBe('Connect');
    await page.evaluate(() => (window as unknown as HarnessWindow).__shotlineUxp.setUiLocale('zh_CN'));
    await page.waitForFunction(
      () => document.querySelector('[data-testid=connect-button]')?.textContent === '连接',
    );
    expect(await page.getByTestId('generate-why').textContent()).toBe('请先连接伴随程序。');
    expect(await page.getByTestId('connection-state').textContent()).toBe('未配对');

    // Pinned to English: the host's Chinese no longer matters, also after the panel is opened again.
    await page.getByTestId('language-select').selectOption('en');
    expect(await page.getByTestId('connect-button').textContent()).toBe('Connect');
    await open('zh_CN', page);
    expect(await page.getByTestId('connect-button').textContent()).toBe('Connect');
    await page.getByTestId('language-select').selectOption('auto');
    expect(await page.getByTestId('connect-button').textContent()).toBe('连接');
    expect(errors).toEqual([]);
  });

  test('errors read in Chinese: the panel’s own and the companion’s', async () => {
    const { page, errors } = await open('zh_CN');
    await page.getByTestId('from-transcript-button').click();
    await page.waitForSelector('[data-testid=error-banner]');
    expect(await page.locator('.sl-error-text').textContent()).toMatch(/^[\u4e00-\u9fff]/);
    await page.getByTestId('error-dismiss').click();

    // A code nobody issued: the companion refuses it with a coded error, which the panel words in Chinese.
    await page.getByTestId('pairing-code-input').fill('0000-0000');
    await page.getByTestId('connect-button').click();
    await page.waitForSelector('[data-testid=connection-state][data-status=failed]');
    const banner = await page.locator('.sl-error-text').textContent();
    expect(banner).toMatch(/^[\u4e00-\u9fff]/);
    expect(banner).toContain('shotline pair');
    expect(await page.getByTestId('connection-state').textContent()).toBe('未连接');
    expect(errors).toEqual([]);
  });
});
