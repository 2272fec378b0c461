// ComfyUI's saved video is BT.601 and untagged (SaveVideo writes through PyAV with ffmpeg's defaults): the
// companion converts it to BT.709, tags it, records what it assumed, and a studio setting overrides that.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ComfyUISettings } from '../../../companion/backends/comfyui/comfyui-settings';
import { Companion } from '../../../companion/companion';
import { testShot } from '../../support/backend-context';
import {
  chartMisses,
  colourTags,
  decodeAsPremiere,
  decodeJpeg,
  makeChartClip,
} from '../../support/colour-chart';
import { FakeComfyUI } from '../../support/fake-comfyui';
import { settled } from '../../support/remote-harness';

const TAGGED = { matrix: 'bt709', primaries: 'bt709', transfer: 'bt709', range: 'tv' };
// Patch 0 sits under the burned-in "AI DRAFT" label.
const UNDER_LABEL = [0];

describe('comfyui colour', () => {
  let dir: string;
  let fake: FakeComfyUI | undefined;
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shotline-cfc-colour-'));
    const size = { width: 640, height: 360, fps: 16, frames: 17 };
    makeChartClip(join(dir, 'comfyui.mp4'), 'ffmpeg-default', size);
    makeChartClip(join(dir, 'studio.mp4'), 'untagged-bt709', size);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    await fake?.stop();
  });

  async function take(video: string, settings: ComfyUISettings = {}) {
    fake = await FakeComfyUI.start(join(dir, video));
    const c = new Companion({
      outputDir: join(dir, 'out'),
      backends: ['comfyui'],
      backendSettings: { comfyui: { url: fake.url, historyPollMs: 20, reconnectMs: 20, ...settings } },
    });
    cleanups.push(() => c.close());
    const [job] = c.submit([testShot({ backend: 'comfyui' })], { ownerId: 'test' });
    const done = await settled(c, job!.jobId);
    expect(done.error).toBeUndefined();
    return done;
  }

  test('a ComfyUI file: converted from BT.601, tagged BT.709, the poster matches', async () => {
    const job = await take('comfyui.mp4');
    const out = job.output!.path;
    expect(colourTags(out)).toEqual(TAGGED);
    expect(chartMisses(decodeAsPremiere(out), 3, UNDER_LABEL)).toEqual([]);
    expect(chartMisses(decodeJpeg(job.output!.poster!.path), 4, UNDER_LABEL)).toEqual([]);
    expect(job.provenance!.colour).toEqual({
      source: 'file',
      found: {},
      assumed: { matrix: 'smpte170m', primaries: 'bt709', transfer: 'bt709', range: 'tv' },
      written: TAGGED,
    });
  });

  test('a studio whose workflow writes untagged BT.709 says so in the setting', async () => {
    const job = await take('studio.mp4', { colour: 'bt709' });
    expect(chartMisses(decodeAsPremiere(job.output!.path), 3, UNDER_LABEL)).toEqual([]);
    expect(job.provenance!.colour?.assumed.matrix).toBe('bt709');
  });
});
