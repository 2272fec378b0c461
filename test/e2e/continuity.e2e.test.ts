// Bridge gap in Chromium: the placed shot fills the gap exactly and starts and ends on its neighbours' frames.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { waitForJobs } from '../../companion/cli/run-jobs';
import { Companion } from '../../companion/companion';
import { PairingCodes } from '../../companion/config/pairing-code';
import { locateTool } from '../../companion/media/tool-locator';
import { TICKS_PER_SECOND } from '../../shared/timecode';
import { startCompanion, type RunningCompanion } from '../support/companion-harness';
import { probeClip } from '../support/ffprobe';
import { E2E_OUTPUT, launchChromium, serveHarness } from '../support/harness-web';

const FPS = { num: 25, den: 1 };
const TPF = TICKS_PER_SECOND / 25n;
const frame = (n: number) => (BigInt(n) * TPF).toString();

/** Frame n of a clip, shrunk to 32×18 RGB: enough to tell two slates apart, blind to codec noise. */
function thumb(path: string, n: number): Buffer {
  return execFileSync(locateTool('ffmpeg'), [
    ...['-v', 'error', '-i', path, '-vf', `select=eq(n\\,${n}),scale=32:18:flags=area`, '-frames:v', '1'],
    ...['-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
  ]);
}

const meanAbsDiff = (a: Buffer, b: Buffer) =>
  a.reduce((sum, v, i) => sum + Math.abs(v - b[i]!), 0) / a.length;

describe('Bridge gap in the panel', () => {
  let media: string;
  let companion: RunningCompanion;
  let web: Server;
  let browser: Browser;
  let codes: PairingCodes;
  const neighbours = { a: '', b: '' };

  beforeAll(async () => {
    mkdirSync(E2E_OUTPUT, { recursive: true });
    media = mkdtempSync(join(tmpdir(), 'shotline-e2e-media-'));
    // The footage around the gap: two slate clips of different hue (seed) and text, 70 and 80 frames long.
    const maker = new Companion({ outputDir: media, backends: ['slate'] });
    const clip = (shotId: string, frames: number, seed: number) =>
      maker.submit(
        [
          {
            shotId,
            prompt: `Footage ${shotId}`,
            duration: { frames },
            fps: FPS,
            size: { width: 640, height: 360 },
            seed,
            backend: 'slate',
            takes: 1,
          },
        ],
        { ownerId: 'e2e', outPath: join(media, `${shotId}.mp4`) },
      );
    const made = await waitForJobs(maker, [...clip('A', 70, 10), ...clip('B', 80, 200)], () => undefined);
    await maker.close();
    expect(made.failed).toEqual([]);
    await sharp({ create: { width: 640, height: 360, channels: 3, background: { r: 230, g: 190, b: 40 } } })
      .png()
      .toFile(join(media, 'board-S0-01.png'));
    neighbours.a = join(media, 'A.mp4');
    neighbours.b = join(media, 'B.mp4');
    codes = new PairingCodes(join(tmpdir(), `shotline-e2e-bridge-code-${process.pid}`));
    companion = await startCompanion({ mediaRoots: [media] }, { pairingCodes: codes });
    web = await serveHarness();
    browser = await launchChromium();
  });

  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    await browser?.close();
    web?.close();
    await companion?.stop();
    rmSync(media, { recursive: true, force: true });
  });

  test('a 45-frame gap between two trimmed clips: the shot covers it and matches both edges', async () => {
    const page = await browser.newPage({ viewport: { width: 1300, height: 1200 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const port = (web.address() as AddressInfo).port;
    await page.goto(
      `http://127.0.0.1:${port}/?companion=${encodeURIComponent(companion.url)}&fps=25&size=640x360`,
    );
    // A is used from source frame 10 (so its last frame shown is source frame 59), B from source frame 7;
    // between them on V1, frames 50 to 95: 45 frames.
    await page.evaluate(
      ({ a, b, f }) => {
        const sim = (window as unknown as { __shotlineSim: SimForBridge }).__shotlineSim;
        const t = (n: number) => BigInt(n) * BigInt(f);
        sim.addClip(0, { name: 'A', startTicks: t(0), endTicks: t(50), mediaPath: a, inTicks: t(10) });
        sim.addClip(0, { name: 'B', startTicks: t(95), endTicks: t(160), mediaPath: b, inTicks: t(7) });
        sim.setPlayhead(t(70));
      },
      { a: neighbours.a, b: neighbours.b, f: TPF.toString() },
    );

    await page.getByTestId('pairing-code-input').fill(codes.issue().display);
    await page.getByTestId('connect-button').click();
    await page.waitForSelector('[data-testid=connection-state][data-status=connected]');
    await page.getByTestId('script-input').fill('The courier runs from the van to the door.');
    await page.waitForSelector('[data-testid=script-line-1][data-selected=true]');
    await page.getByTestId('continuity').click();
    await page.getByTestId('bridge-gap-button').click();

    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=sim-clip][data-track="0"]').length === 3,
      null,
      { timeout: 90_000 },
    );
    await page.waitForSelector('[data-testid=take-poster]');
    const bridge = await page.$eval(
      '[data-testid=sim-clip][data-track="0"]:not([data-name=A]):not([data-name=B])',
      (e) => ({
        ...(e as HTMLElement).dataset,
      }),
    );
    await page.screenshot({ path: join(E2E_OUTPUT, 'bridge-gap.png'), fullPage: true });

    expect([bridge.startTicks, bridge.endTicks]).toEqual([frame(50), frame(95)]);
    expect(probeClip(bridge.path!)).toMatchObject({ width: 640, height: 360, rate: '25/1', frames: 45 });
    const first = thumb(bridge.path!, 0);
    const last = thumb(bridge.path!, 44);
    const aLast = thumb(neighbours.a, 59);
    const bFirst = thumb(neighbours.b, 7);
    // Each end is its neighbour's frame (codec noise only), and clearly not the other neighbour's.
    expect(meanAbsDiff(first, aLast)).toBeLessThan(4);
    expect(meanAbsDiff(last, bFirst)).toBeLessThan(4);
    expect(meanAbsDiff(first, bFirst)).toBeGreaterThan(3 * meanAbsDiff(first, aLast) + 4);

    const undo = await page.evaluate(() =>
      (window as unknown as { __shotlineSim: SimForBridge }).__shotlineSim
        .snapshot()
        .undoStack.filter((name) => name.startsWith('Shotline: place')),
    );
    expect(undo).toEqual(['Shotline: place A to B take 1']);
    expect(await page.getByTestId('continuity-notice').count()).toBe(0);

    // Extend clip: B selected, 2 s → 50 frames right after B on V1, starting on B's last frame shown.
    await page.evaluate(() =>
      (window as unknown as { __shotlineSim: SimForBridge }).__shotlineSim.selectClip(0, 'B'),
    );
    await page.getByTestId('duration-input').fill('2');
    await page.getByTestId('extend-clip-button').click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=sim-clip][data-track="0"]').length === 4,
      null,
      { timeout: 90_000 },
    );
    const extension = await page.$eval(`[data-testid=sim-clip][data-start-ticks="${frame(160)}"]`, (e) => ({
      ...(e as HTMLElement).dataset,
    }));
    await page.screenshot({ path: join(E2E_OUTPUT, 'extend-clip.png'), fullPage: true });
    expect(extension.endTicks).toBe(frame(210));
    // B runs from source frame 7 for 65 frames: its last frame shown is source frame 71.
    expect(meanAbsDiff(thumb(extension.path!, 0), thumb(neighbours.b, 71))).toBeLessThan(4);

    // From storyboard frame: a still under the media root and the frame at the playhead each make a shot.
    await page.getByTestId('board-path').fill(join(media, 'board-S0-01.png'));
    await page.getByTestId('board-image-button').click();
    await waitForDone(page, 3);
    await page.getByTestId('playhead-frame-button').click();
    await waitForDone(page, 4);
    await page.screenshot({ path: join(E2E_OUTPUT, 'storyboard-frame.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  test('continue previous shot: the next shot of the scene starts on the last take of the one before', async () => {
    const page = await browser.newPage({ viewport: { width: 1300, height: 1200 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // A companion of its own: the job list starts empty, whatever the test before made.
    const ownCodes = new PairingCodes(join(tmpdir(), `shotline-e2e-continue-code-${process.pid}`));
    const own = await startCompanion({}, { pairingCodes: ownCodes });
    cleanups.push(() => own.stop());
    const port = (web.address() as AddressInfo).port;
    await page.goto(`http://127.0.0.1:${port}/?companion=${encodeURIComponent(own.url)}&fps=25&size=640x360`);
    await page.getByTestId('pairing-code-input').fill(ownCodes.issue().display);
    await page.getByTestId('connect-button').click();
    await page.waitForSelector('[data-testid=connection-state][data-status=connected]');
    await page
      .getByTestId('script-input')
      .fill('INT. VAN - NIGHT\n\nThe courier grabs the parcel.\n\nShe kicks the door open.');
    // Lines 3 and 5 are the scene's two action lines (line 1 is its heading).
    await page.waitForSelector('[data-testid=script-line-5][data-selected=true]');
    await page.getByTestId('script-line-5').click(); // leave the second shot out: generate the first one
    await page.getByTestId('duration-input').fill('1');
    await page.getByTestId('generate-button').click();
    await waitForDone(page, 1);
    await page.getByTestId('script-line-5').click();
    await page.getByTestId('script-line-3').click(); // now only the second is selected
    await page.getByTestId('continuity').click();
    await page.getByTestId('continue-shot-button').click();
    await waitForDone(page, 2);
    await page.screenshot({ path: join(E2E_OUTPUT, 'continue-shot.png'), fullPage: true });
    const done = [...own.companion.queue.list()].filter(
      (j) => j.provenance?.conditioning?.action === 'continue',
    );
    expect(done).toHaveLength(1);
    expect(done[0]!.shot.conditioning?.startImage).toMatchObject({
      kind: 'frame',
      time: { num: 24, den: 25 },
    });
    expect(pageErrors).toEqual([]);
  });

  /** A page paired with a companion of its own (its job list starts empty), reading images under `media`. */
  async function ownPanel(name: string): Promise<{ page: Page; own: RunningCompanion; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1300, height: 1200 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const ownCodes = new PairingCodes(join(tmpdir(), `shotline-e2e-${name}-code-${process.pid}`));
    const own = await startCompanion({ mediaRoots: [media] }, { pairingCodes: ownCodes });
    cleanups.push(() => own.stop());
    const port = (web.address() as AddressInfo).port;
    await page.goto(`http://127.0.0.1:${port}/?companion=${encodeURIComponent(own.url)}&fps=25&size=640x360`);
    await page.getByTestId('pairing-code-input').fill(ownCodes.issue().display);
    await page.getByTestId('connect-button').click();
    await page.waitForSelector('[data-testid=connection-state][data-status=connected]');
    return { page, own, errors };
  }

  test('chain scene: one action makes every shot of the scene, in order, each on the last frame before', async () => {
    const { page, own, errors } = await ownPanel('chain');
    await page
      .getByTestId('script-input')
      .fill(
        'INT. VAN - NIGHT\n\nThe courier grabs the parcel.\n\nShe kicks the door open.\n\nShe runs into the rain.',
      );
    await page.waitForSelector('[data-testid=script-line-7][data-selected=true]');
    await page.getByTestId('duration-input').fill('1');
    await page.getByTestId('continuity').click();
    await page.getByTestId('chain-scene-button').click();
    await page.waitForSelector('[data-testid=chain-finished]', { timeout: 120_000 });
    await waitForDone(page, 3);
    const jobs = [...own.companion.queue.list()].sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
    );
    expect(jobs.map((j) => j.shot.conditioning?.action)).toEqual([undefined, 'continue', 'continue']);
    for (const n of [1, 2]) {
      const before = jobs[n - 1]!;
      // Sent only once the take before was done, and on its last frame (25 frames at 25 fps: frame 24).
      expect(jobs[n]!.createdAt.getTime()).toBeGreaterThanOrEqual(Date.parse(before.provenance!.finishedAt));
      expect(jobs[n]!.shot.conditioning?.startImage).toEqual({
        kind: 'frame',
        path: before.output!.path,
        time: { num: 24, den: 25 },
      });
    }
    expect(await page.getByTestId('scene-chain').locator('li[data-state=done]').count()).toBe(3);
    expect(errors).toEqual([]);
  });

  test('a board through the folder picker, and a still selected in the Project panel', async () => {
    const { page, own, errors } = await ownPanel('pickers');
    await page.getByTestId('continuity').click();
    await page.evaluate((folder) => {
      const uxp = (window as unknown as { __shotlineUxp: UxpForPickers }).__shotlineUxp;
      uxp.foldersToPick.push({ name: 'boards', nativePath: folder });
    }, media);
    await page.getByTestId('pick-folder-button').click();
    await page.waitForFunction(
      (folder) =>
        (document.querySelector('[data-testid=board-path]') as HTMLInputElement | null)?.value === folder,
      media,
    );

    const still = join(media, 'board-S0-01.png');
    await page.evaluate((path) => {
      const sim = (window as unknown as { __shotlineSim: SimForBridge }).__shotlineSim;
      sim.selectProjectItems([path]);
    }, still);
    await page.getByTestId('project-still-button').click();
    await waitForDone(page, 1);
    const [job] = own.companion.queue.list();
    expect(job!.shot.conditioning).toMatchObject({
      action: 'storyboard',
      startImage: { kind: 'still', path: still },
    });
    expect(errors).toEqual([]);
  });
});

async function waitForDone(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid^=job-job_][data-status=done]').length === n,
    count,
    { timeout: 90_000 },
  );
}

/** The parts of the harness's simulated Premiere this test calls. */
interface SimForBridge {
  addClip(
    track: number,
    clip: { name: string; startTicks: bigint; endTicks: bigint; mediaPath: string; inTicks: bigint },
  ): void;
  setPlayhead(ticks: bigint): void;
  selectClip(track: number, name: string): void;
  snapshot(): { undoStack: string[] };
  selectProjectItems(paths: string[]): void;
}

/** The harness's simulated UXP file pickers. */
interface UxpForPickers {
  foldersToPick: { name: string; nativePath: string }[];
}
