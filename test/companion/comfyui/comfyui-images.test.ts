// ComfyUI shots that start from images: uploaded through /upload/image, named in the built-in I2V/FLF2V graphs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { ComfyUISettings } from '../../../companion/backends/comfyui/comfyui-settings';
import { Companion } from '../../../companion/companion';
import type { ShotRequestInput } from '../../../shared/protocol';
import { testShot } from '../../support/backend-context';
import { FakeComfyUI } from '../../support/fake-comfyui';
import { makeTestClip } from '../../support/remote-clip';
import { settled } from '../../support/remote-harness';

let dir: string;
let media: string;
let fake: FakeComfyUI;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shotline-cfi-'));
  media = join(dir, 'media');
  mkdirSync(media);
  makeTestClip(join(dir, 'clip.mp4'), { width: 832, height: 480, fps: 16, frames: 33 });
  for (const [name, r] of [
    ['a.png', 30],
    ['b.png', 220],
  ] as const)
    await sharp({ create: { width: 640, height: 360, channels: 3, background: { r, g: 80, b: 80 } } })
      .png()
      .toFile(join(media, name));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  fake = await FakeComfyUI.start(join(dir, 'clip.mp4'));
});
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await fake.stop();
});

function companion(settings: ComfyUISettings = {}) {
  const c = new Companion({
    outputDir: join(dir, 'out'),
    backends: ['comfyui'],
    backendSettings: { comfyui: { url: fake.url, historyPollMs: 20, reconnectMs: 20, ...settings } },
    mediaRoots: [media],
  });
  closers.push(() => c.close());
  return c;
}

const still = (name: string) => ({ kind: 'still' as const, path: join(media, name) });
const run = async (c: Companion, conditioning: ShotRequestInput['conditioning']) => {
  const [job] = c.submit([testShot({ backend: 'comfyui', duration: { seconds: 2 }, conditioning })], {
    ownerId: 't',
  });
  return settled(c, job!.jobId);
};

test('first and last frame: both images uploaded, the official FLF2V graph loads them, provenance says flf2v', async () => {
  const job = await run(companion(), { mode: 'flf2v', startImage: still('a.png'), endImage: still('b.png') });
  expect(job.error).toBeUndefined();
  expect(fake.problems).toEqual([]);
  const { graph } = fake.submitted[0]!;
  const loads = Object.values(graph).filter((n) => n.class_type === 'LoadImage');
  expect(loads.map((n) => n.inputs.image)).toEqual([...fake.uploads.keys()]);
  expect(fake.uploads.size).toBe(2);
  const flf = Object.values(graph).find((n) => n.class_type === 'WanFirstLastFrameToVideo')!;
  expect([flf.inputs.width, flf.inputs.height, flf.inputs.length]).toEqual([832, 480, 33]);
  expect(job.provenance?.conditioning).toMatchObject({ requested: 'flf2v', used: 'flf2v' });
  expect(job.provenance?.model).toBe('comfyui:wan22-flf2v-a14b@832x480x33');
});

test("a user workflow's {{start_image}} takes the uploaded image; without it the built-in I2V graph is used", async () => {
  const workflowPath = join(dir, 'my-i2v.json');
  const graph = JSON.parse(
    JSON.stringify((await import('../../../companion/backends/comfyui/templates/wan22-i2v-a14b.json')).graph),
  ) as Record<string, { inputs: Record<string, unknown> }>;
  graph['6']!.inputs.text = '{{prompt}}';
  graph['62']!.inputs.image = '{{start_image}}';
  writeFileSync(workflowPath, JSON.stringify(graph));
  const job = await run(companion({ workflow: workflowPath }), { mode: 'i2v', startImage: still('a.png') });
  expect(job.error).toBeUndefined();
  expect(fake.problems).toEqual([]);
  expect(fake.submitted[0]!.graph['62']!.inputs.image).toBe([...fake.uploads.keys()][0]);
  expect(job.provenance?.model).toMatch(/^comfyui:custom@/);

  const builtIn = await run(companion(), { mode: 'i2v', startImage: still('b.png') });
  expect(builtIn.error).toBeUndefined();
  expect(builtIn.provenance?.model).toMatch(/^comfyui:wan22-i2v-a14b@/);
  expect(Object.values(fake.submitted[1]!.graph).some((n) => n.class_type === 'WanImageToVideo')).toBe(true);
});
