// DashScope clips, tagged or not, come out BT.709 and tagged; the tags a clip carries beat any assumption.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Companion } from '../../../companion/companion';
import { testShot } from '../../support/backend-context';
import {
  chartMisses,
  colourTags,
  decodeAsPremiere,
  makeChartClip,
  type SourceStyle,
} from '../../support/colour-chart';
import { FakeDashScope } from '../../support/fake-dashscope';
import { settled } from '../../support/remote-harness';

const KEY = 'sk-colour-test-1234567890';
const TAGGED = { matrix: 'bt709', primaries: 'bt709', transfer: 'bt709', range: 'tv' };

describe('dashscope colour', () => {
  let dir: string;
  let fake: FakeDashScope | undefined;
  let companion: Companion | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shotline-dsc-colour-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(async () => {
    await companion?.close();
    await fake?.stop();
  });

  test.each<[SourceStyle, object, object]>([
    ['tagged-bt709', TAGGED, {}],
    ['ffmpeg-default', {}, { matrix: 'smpte170m', primaries: 'bt709', transfer: 'bt709', range: 'tv' }],
  ])('a %s clip: BT.709 out, tagged, the chart within 3', async (style, found, assumed) => {
    const video = makeChartClip(join(dir, `${style}.mp4`), style, {
      width: 640,
      height: 360,
      fps: 30,
      frames: 30,
    });
    fake = await FakeDashScope.start(KEY, video);
    companion = new Companion({
      outputDir: join(dir, 'out'),
      backends: ['dashscope'],
      backendSettings: { dashscope: { baseUrl: fake.url, apiKey: KEY, pollIntervalMs: 5, retryBaseMs: 5 } },
    });
    const [job] = companion.submit([testShot()], { ownerId: 'test' });
    const done = await settled(companion, job!.jobId);
    expect(done.error).toBeUndefined();
    expect(colourTags(done.output!.path)).toEqual(TAGGED);
    // Patch 0 sits under the burned-in "AI DRAFT" label.
    expect(chartMisses(decodeAsPremiere(done.output!.path), 3, [0])).toEqual([]);
    expect(done.provenance!.colour).toEqual({ source: 'file', found, assumed, written: TAGGED });
  });
});
