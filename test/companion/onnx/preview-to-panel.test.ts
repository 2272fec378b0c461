/** @jest-environment ./test/companion/onnx/ort-environment.js */
// Previews end to end: the tiny Wan bundle on a loopback companion sends job.preview PNGs before job.done.
import { inflateSync } from 'node:zlib';
import { startCompanion, type RunningCompanion } from '../../support/companion-harness';
import { TestPanel } from '../../support/test-panel';
import { shot, tinyBundle } from './tiny-bundle';

/** Width, height and the raw (filter byte + RGBA) rows of a PNG, checked chunk by chunk. */
function decodePng(png: Buffer): { width: number; height: number; raw: Buffer } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') [width, height] = [data.readUInt32BE(0), data.readUInt32BE(4)];
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  return { width, height, raw: inflateSync(Buffer.concat(idat)) };
}

let running: RunningCompanion;
let bundle: { dir: string; cleanup(): void };
beforeAll(async () => {
  bundle = await tinyBundle({ variant: 'wan22-t2v-a14b' });
  running = await startCompanion({
    backends: ['onnx'],
    backendSettings: { onnx: { model: bundle.dir, provider: 'cpu', previewEvery: 3 } },
  });
});
afterAll(async () => {
  await running.stop();
  bundle.cleanup();
});

test('a job on the tiny onnx bundle sends decodable PNG previews of the latent size before job.done', async () => {
  const panel = await TestPanel.connect(running.url);
  try {
    await panel.pair(running.token);
    panel.send({ type: 'generate', id: 'g1', shots: [shot({ seed: 4, duration: { frames: 12 } })] });
    const [job] = (await panel.waitFor('accepted', (m) => m.re === 'g1')).jobs;
    await panel.waitFor('job.done', (m) => m.jobId === job!.jobId, 60_000);
    const mine = panel.received.filter((m) => 'jobId' in m && m.jobId === job!.jobId);
    const previews = mine.flatMap((m) => (m.type === 'job.preview' ? [m] : []));
    // 8 steps, a preview every 3 and at the last: steps 3, 6 and 8, all before the clip is done.
    expect(previews.map((p) => [p.step, p.total])).toEqual([
      [3, 8],
      [6, 8],
      [8, 8],
    ]);
    expect(mine.findIndex((m) => m.type === 'job.done')).toBeGreaterThan(
      mine.findIndex((m) => m.type === 'job.preview' && m.step === 8),
    );
    for (const preview of previews) {
      // 48x32 native at spatial stride 8: the latent grid is 6x4.
      expect(preview).toMatchObject({ mime: 'image/png', width: 6, height: 4 });
      const png = decodePng(Buffer.from(preview.data, 'base64'));
      expect([png.width, png.height]).toEqual([6, 4]);
      expect(png.raw).toHaveLength((6 * 4 + 1) * 4);
    }
    // Previews are transient: never part of the finished job the companion keeps.
    expect(running.companion.queue.get(job!.jobId)?.preview).toBeUndefined();
  } finally {
    panel.close();
  }
});
