// In a Chinese Premiere the sentences that come from elsewhere read in Chinese too: a script notice built in
// shared/, a companion error with its facts as params, and a failed placement from the host adapter, each the
// catalogue's wording (no English sentence left), in the HTML panel and in UXP's Spectrum-widget mode.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { PairingCodes } from '../../companion/config/pairing-code';
import { i18n } from '../../plugin/i18n/i18n';
import { readScriptShots } from '../../plugin/ui/script-shots';
import type { RunningCompanion } from '../support/companion-harness';
import { startE2eRig, stopE2eRig } from '../support/e2e-rig';
import { E2E_OUTPUT } from '../support/harness-web';

const WIDTH = 320;
const HEIGHT = 700;
/** Dialogue only: the parser's "no action lines" notice, with one coverage shot of the scene. */
const DIALOGUE_ONLY = ['INT. KITCHEN - NIGHT', '', 'ANNA', 'Where were you?', ''].join('\n');

/** What is left of a sentence after the facts it names (and product names): no run of English words. */
function englishLeft(text: string, facts: readonly string[] = []): string[] {
  let rest = text;
  for (const fact of [...facts, 'Premiere', 'Shotline', 'ComfyUI', 'DashScope'])
    rest = rest.split(fact).join(' ');
  return rest.match(/[A-Za-z]{3,}[ ,'][A-Za-z]{2,}/g) ?? [];
}

/** The notice as the Chinese catalogue words it, from the same shared code the panel reads. */
async function chineseNotice(text: string): Promise<string> {
  await i18n.changeLanguage('zh-CN');
  const notice = readScriptShots({ text }).notices?.[0];
  await i18n.changeLanguage('en');
  if (!notice) throw new Error('expected a notice');
  return notice;
}

describe('sentences from shared/, the companion and the host, in Chinese', () => {
  let companion: RunningCompanion;
  let web: Server;
  let browser: Browser;
  let codes: PairingCodes;

  beforeAll(async () => {
    ({ companion, web, browser, codes } = await startE2eRig('zh-sentences'));
  });
  afterAll(() => stopE2eRig({ companion, web, browser }));

  async function open(extra = ''): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const port = (web.address() as AddressInfo).port;
    const query = `companion=${encodeURIComponent(companion.url)}&fps=25&size=320x180&locale=zh_CN${extra}`;
    await page.goto(`http://127.0.0.1:${port}/?${query}`);
    return { page, errors };
  }

  const bannerText = async (page: Page) => {
    await page.waitForSelector('[data-testid=error-banner]');
    return (await page.locator('.sl-error-text').textContent()) ?? '';
  };

  test('a parser notice, a companion error with params and a placement failure', async () => {
    const { page, errors } = await open();
    await page.getByTestId('script-input').fill(DIALOGUE_ONLY);
    const notice = page.getByTestId('script-notice').first();
    await notice.waitFor();
    const noticeText = (await notice.textContent()) ?? '';
    expect(noticeText).toBe(await chineseNotice(DIALOGUE_ONLY));
    expect(noticeText).toContain('场景标题');
    expect(englishLeft(noticeText)).toEqual([]);
    await page.screenshot({ path: join(E2E_OUTPUT, 'zh-sentences-notice.png') });

    await page.getByTestId('pairing-code-input').fill(codes.issue().display);
    await page.getByTestId('connect-button').click();
    await page.waitForSelector('[data-testid=connection-state][data-status=connected]');
    await page.getByTestId('script-input').fill('A courier van idles in the rain.');
    await page.waitForSelector('[data-testid=script-line-1][data-selected=true]');

    // Longer than the slate's 120 s: the companion refuses it with the facts (seconds, backend, limit).
    await page.getByTestId('duration-input').fill('200');
    await page.getByTestId('generate-button').click();
    const refused = await bannerText(page);
    expect(refused).toMatch(/镜头 .+：200\.00 秒超过 slate 的最长时长 120 秒。/);
    expect(englishLeft(refused)).toEqual([]);
    await page.screenshot({ path: join(E2E_OUTPUT, 'zh-sentences-companion-error.png') });
    await page.getByTestId('error-dismiss').click();

    await page.getByTestId('duration-input').fill('1');
    await page.getByTestId('generate-button').click();
    await page.waitForSelector('[data-testid^=job-job_][data-status=done]', { timeout: 60_000 });
    // A track the sequence does not have: the host adapter's coded failure, worded in Chinese.
    await page.getByTestId('advanced').click();
    await page.getByTestId('placement-track').fill('FX');
    await page.getByTestId('place-button').first().click();
    const placement = page.getByTestId('job-placement').first();
    await placement.waitFor();
    const failed = (await placement.textContent()) ?? '';
    expect(failed).toContain('序列中没有名为“FX”的视频轨道');
    expect(englishLeft(failed, ['FX', 'Video 1', 'Video 2', 'Video 3'])).toEqual([]);
    expect(await bannerText(page)).toContain('序列中没有名为“FX”的视频轨道');
    await page.screenshot({ path: join(E2E_OUTPUT, 'zh-sentences-placement.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  test('in Spectrum-widget mode (macOS, Premiere 25.6) the same sentences read in Chinese', async () => {
    const { page, errors } = await open('&spectrum=1&platform=mac&ppro=25.6');
    expect(await page.getByTestId('connect-button').textContent()).toBe('连接');
    expect(await page.getByTestId('generate-why').textContent()).toBe('请先连接伴随程序。');
    await page.getByTestId('script-input').fill(DIALOGUE_ONLY);
    const notice = page.getByTestId('script-notice').first();
    await notice.waitFor();
    expect(await notice.textContent()).toBe(await chineseNotice(DIALOGUE_ONLY));

    await page.getByTestId('pairing-code-input').locator('input').fill(codes.issue().display);
    await page.getByTestId('connect-button').click();
    await page.waitForSelector('[data-testid=connection-state][data-status=connected]');
    await page.getByTestId('script-input').fill('A courier van idles in the rain.');
    await page.waitForSelector('[data-testid=script-line-1][data-selected=true]');
    await page.getByTestId('duration-input').locator('input').fill('200');
    await page.getByTestId('generate-button').click();
    const refused = await bannerText(page);
    expect(refused).toMatch(/200\.00 秒超过 slate 的最长时长 120 秒/);
    expect(englishLeft(refused)).toEqual([]);
    await page.screenshot({ path: join(E2E_OUTPUT, 'zh-sentences-spectrum-320x700.png') });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
    expect(errors).toEqual([]);
  });
});
