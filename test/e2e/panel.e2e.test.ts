// End to end in headless Chromium: the harness panel with a live companion, from pasted lines to placed clips.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { TICKS_PER_SECOND } from '../../shared/timecode';
import { PairingCodes } from '../../companion/config/pairing-code';
import type { RunningCompanion } from '../support/companion-harness';
import { probeClip } from '../support/ffprobe';
import { startE2eRig, stopE2eRig } from '../support/e2e-rig';
import { E2E_OUTPUT } from '../support/harness-web';

const OUTPUT = E2E_OUTPUT;

describe('panel in Chromium with a live companion', () => {
  let companion: RunningCompanion;
  let web: Server;
  let browser: Browser;
  let codes: PairingCodes;

  beforeAll(async () => {
    ({ companion, web, browser, codes } = await startE2eRig('panel'));
  });
  afterAll(() => stopE2eRig({ companion, web, browser }));

  test('paste two lines, pair, generate, see progress, place both clips', async () => {
    const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const port = (web.address() as AddressInfo).port;
    // A 1280x720 25 fps sequence keeps the clips small; the panel must pick that up from the host.
    await page.goto(
      `http://127.0.0.1:${port}/?companion=${encodeURIComponent(companion.url)}&fps=25&size=640x360`,
    );

    await page.getByTestId('pairing-code-input').fill(codes.issue().display);
    await page.getByTestId('connect-button').click();
    await page.waitForSelector('[data-testid=connection-state][data-status=connected]');

    await page
      .getByTestId('script-input')
      .fill(
        'Kai leaps from the edge as a fuel tank explodes behind him.\n一名身穿黑色风衣的男子从高楼跃下，慢动作收尾。',
      );
    // A pasted script's shots arrive selected.
    await page.waitForSelector('[data-testid=script-line-2][data-selected=true]');
    expect(await page.getByTestId('script-line-1').getAttribute('data-selected')).toBe('true');
    await page.getByTestId('duration-input').fill('3');
    await page.getByTestId('generate-button').click();

    // Progress is visible while the jobs run, then both finish.
    await page.waitForSelector('[data-testid^=job-job_] [data-testid=job-progress]');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid^=job-job_][data-status=done]').length === 2,
      null,
      { timeout: 60_000 },
    );

    await page.getByTestId('place-all-button').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=sim-clip]').length === 2);
    const clips = await page.$$eval('[data-testid=sim-clip]', (els) =>
      els.map((e) => ({ ...(e as HTMLElement).dataset })),
    );
    const snapshot = await page.evaluate(
      () =>
        (window as unknown as { __shotlineSim: { snapshot(): unknown } }).__shotlineSim.snapshot() as {
          undoStack: string[];
          sequence: { playheadTicks: string };
        },
    );
    await page.screenshot({ path: join(OUTPUT, 'panel.png'), fullPage: true });

    // 3 s at 25 fps = 75 frames each, end to end from the playhead, on the first free track.
    const tpf = TICKS_PER_SECOND / 25n;
    const sorted = clips.sort((a, b) => Number(BigInt(a.startTicks!) - BigInt(b.startTicks!)));
    expect(sorted.map((c) => [c.track, BigInt(c.endTicks!) - BigInt(c.startTicks!)])).toEqual([
      ['0', 75n * tpf],
      ['0', 75n * tpf],
    ]);
    expect(sorted[0]!.startTicks).toBe(snapshot.sequence.playheadTicks);
    expect(BigInt(snapshot.sequence.playheadTicks) % tpf).toBe(0n);
    expect(sorted[1]!.startTicks).toBe(sorted[0]!.endTicks);
    // Place all is one undo entry for both shots.
    expect(snapshot.undoStack.filter((name) => name.startsWith('Shotline: place'))).toHaveLength(1);

    // The clips the timeline points at are real, complete files at the sequence's format.
    const outputs = await page.$$eval('[data-testid=sim-clip]', (els) =>
      els.map((e) => (e as HTMLElement).dataset.path ?? ''),
    );
    for (const path of outputs.filter(Boolean)) {
      expect(probeClip(path)).toMatchObject({ width: 640, height: 360, rate: '25/1', frames: 75 });
    }
    expect(pageErrors).toEqual([]);
  });

  test('fill a 37-frame gap between two user clips: the placed clip covers exactly the gap', async () => {
    const page = await browser.newPage({ viewport: { width: 1300, height: 1100 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const port = (web.address() as AddressInfo).port;
    await page.goto(
      `http://127.0.0.1:${port}/?companion=${encodeURIComponent(companion.url)}&fps=25&size=640x360`,
    );
    const tpf = TICKS_PER_SECOND / 25n;
    // Two user clips on V1 with an odd 37-frame hole between them (frames 50 to 87).
    await page.evaluate((tpfText) => {
      const sim = (window as unknown as { __shotlineSim: SimForE2e }).__shotlineSim;
      const frame = (n: number) => BigInt(n) * BigInt(tpfText);
      sim.addClip(0, { name: 'user A', startTicks: frame(0), endTicks: frame(50) });
      sim.addClip(0, { name: 'user B', startTicks: frame(87), endTicks: frame(150) });
    }, tpf.toString());

    await page.getByTestId('pairing-code-input').fill(codes.issue().display);
    await page.getByTestId('connect-button').click();
    await page.waitForSelector('[data-testid=connection-state][data-status=connected]');
    await page.getByTestId('script-input').fill('A courier van idles in the rain.');
    await page.waitForSelector('[data-testid=script-line-1][data-selected=true]');

    await page.getByTestId('advanced').click();
    await page.getByTestId('placement-mode').selectOption('gaps');
    await page.getByTestId('gap-track').fill('1');
    await page.getByTestId('find-gaps-button').click();
    const row = page.getByTestId('gap-row');
    await row.waitFor();
    expect(await row.getAttribute('data-frames')).toBe('37');
    expect(await row.textContent()).toBe('00:00:02:00 on V1: 37 frames (00:00:01:12)');

    await page.getByTestId('fill-gaps-button').click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=sim-clip][data-track="0"]').length === 3,
      null,
      { timeout: 60_000 },
    );
    await page.waitForSelector('[data-testid=take-poster]');
    const gapClip = await page.$eval(
      '[data-testid=sim-clip][data-track="0"]:not([data-name^=user])',
      (e) => ({ ...(e as HTMLElement).dataset }),
    );
    await page.screenshot({ path: join(OUTPUT, 'fill-gap.png'), fullPage: true });

    expect([gapClip.startTicks, gapClip.endTicks]).toEqual([(50n * tpf).toString(), (87n * tpf).toString()]);
    expect(probeClip(gapClip.path!)).toMatchObject({ width: 640, height: 360, rate: '25/1', frames: 37 });
    const undo = await page.evaluate(() =>
      (window as unknown as { __shotlineSim: SimForE2e }).__shotlineSim
        .snapshot()
        .undoStack.filter((name) => name.startsWith('Shotline: place')),
    );
    expect(undo).toEqual(['Shotline: place S0-01 gap V1 00:00:02:00 take 1']);
    expect(await page.locator('[data-testid=sim-gap][data-track="0"]').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});

/** The parts of the harness's simulated Premiere these tests call. */
interface SimForE2e {
  addClip(track: number, clip: { name: string; startTicks: bigint; endTicks: bigint }): void;
  snapshot(): { undoStack: string[] };
}
