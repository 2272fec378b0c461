// The frames a coordinator ships with a job: checked by hash on arrival and limited in size on the way out.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { expectWordedInBothLanguages } from '../support/panel-wording';
import type { PreparedConditioning } from '../../companion/backends/backend';
import {
  MAX_SHIPPED_IMAGE_BYTES,
  shipConditioning,
  unpackConditioning,
} from '../../companion/cluster/shipped-images';
import { ClusterJobDataSchema } from '../../companion/cluster/job-data';
import { sha256File } from '../../companion/media/file-hash';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'shotline-ship-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function prepared(name: string): Promise<PreparedConditioning> {
  const path = join(root, `${name}.png`);
  await sharp({ create: { width: 64, height: 36, channels: 3, background: { r: 9, g: 99, b: 199 } } })
    .png()
    .toFile(path);
  const image = { path, sha256: await sha256File(path), width: 64, height: 36 };
  return {
    mode: 'flf2v',
    action: 'bridge',
    start: { ...image, source: { kind: 'still', path: '/media/a.png' } },
    end: { ...image, source: { kind: 'frame', path: '/media/b.mov', time: { num: 1001, den: 24000 } } },
  };
}

test('shipped images arrive byte for byte, with their sources, and travel inside a job', async () => {
  const original = await prepared('both');
  const shipped = await shipConditioning(original, 'S1');
  // The job data that goes through Redis accepts them.
  const job = ClusterJobDataSchema.shape.conditioning.parse(JSON.parse(JSON.stringify(shipped)));
  const arrived = await unpackConditioning(job!, join(root, 'worker'), 'job-1');
  expect(arrived.start.path).toBe(join(root, 'worker', 'start.png'));
  expect(await readFile(arrived.end!.path)).toEqual(await readFile(original.end!.path));
  expect(arrived).toEqual({
    ...original,
    start: { ...original.start, path: arrived.start.path },
    end: { ...original.end, path: arrived.end!.path },
  });
});

test('bytes damaged on the way are refused, not used', async () => {
  const shipped = await shipConditioning(await prepared('damaged'), 'S1');
  const bytes = Buffer.from(shipped.start.png, 'base64');
  bytes[bytes.length - 20]! ^= 0xff;
  const damaged = { ...shipped, start: { ...shipped.start, png: bytes.toString('base64') } };
  const err: unknown = await unpackConditioning(damaged, join(root, 'w2'), 'job-2').catch((e: unknown) => e);
  expect(err).toMatchObject({
    code: 'IMAGE_INVALID',
    message: expect.stringMatching(/job-2: a conditioning image arrived from the coordinator damaged/),
  });
  expectWordedInBothLanguages(err);
});

test('a kept frame that changed on disk is not shipped as if it were the first one', async () => {
  const original = await prepared('changed');
  writeFileSync(original.start.path, Buffer.from('not the same'));
  const err: unknown = await shipConditioning(original, 'S7').catch((e: unknown) => e);
  expect(err).toMatchObject({
    code: 'IMAGE_INVALID',
    message: expect.stringMatching(/Shot S7: its kept frame .* changed on disk/),
  });
  expectWordedInBothLanguages(err);
});

test('an image larger than a job may carry is refused with the sizes in the sentence', async () => {
  const original = await prepared('large');
  writeFileSync(original.start.path, Buffer.alloc(MAX_SHIPPED_IMAGE_BYTES + 1));
  const err: unknown = await shipConditioning(original, 'S3').catch((e: unknown) => e);
  expect(err).toMatchObject({
    code: 'IMAGE_INVALID',
    message:
      'Shot S3: its conditioning image is 32.0 MiB as a PNG, more than the 32 MiB a job may carry to a cluster worker; use a smaller frame size.',
  });
  expectWordedInBothLanguages(err);
});
