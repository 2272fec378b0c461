// A shot's conditioning images as they travel to a cluster worker: the coordinator's own frames, as bytes.
//
// Why bytes and not paths: the coordinator already resolves the panel's paths under its --media-root and
// keeps each job's frames in its data folder, so every attempt (on any worker, after any restart) gets the
// very frames the first one did, and a GPU machine needs no media mount or media-root of its own. The
// hash travels with them, so a worker refuses bytes that arrived damaged instead of conditioning on them.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  ConditioningActionSchema,
  ConditioningModeSchema,
  ImageSourceSchema,
  ShotlineError,
} from '../../shared/protocol';
import type { ConditioningImage, PreparedConditioning } from '../backends/backend';

/**
 * Largest image a job may carry to a worker. The frames are PNGs at the shot's size (a 4K frame of grainy
 * footage is around 25 MB), and BullMQ keeps a job's data in Redis for a week after it ends.
 */
export const MAX_SHIPPED_IMAGE_BYTES = 32 * 1024 * 1024;

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const ShippedImageSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  source: ImageSourceSchema,
  /** The PNG, base64 (Redis job data is JSON). */
  png: z
    .string()
    .max(Math.ceil(MAX_SHIPPED_IMAGE_BYTES / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/),
});
type ShippedImage = z.infer<typeof ShippedImageSchema>;

export const ShippedConditioningSchema = z.object({
  mode: ConditioningModeSchema,
  action: ConditioningActionSchema.optional(),
  start: ShippedImageSchema,
  end: ShippedImageSchema.optional(),
});
export type ShippedConditioning = z.infer<typeof ShippedConditioningSchema>;

async function packImage(image: ConditioningImage, shotId: string): Promise<ShippedImage> {
  const bytes = await readFile(image.path);
  if (bytes.length > MAX_SHIPPED_IMAGE_BYTES) {
    const [mib, max] = [(bytes.length / 2 ** 20).toFixed(1), MAX_SHIPPED_IMAGE_BYTES / 2 ** 20];
    throw new ShotlineError(
      'IMAGE_INVALID',
      `Shot ${shotId}: its conditioning image is ${mib} MiB as a PNG, more than the ${max} MiB a job may carry to a cluster worker; use a smaller frame size.`,
      { params: { shotId, mib, max, case: 'shipTooBig' } },
    );
  }
  const { sha256, width, height, source } = image;
  // Hashed again from the bytes sent: the file is what the first attempt used, and what the worker must get.
  if (sha256Of(bytes) !== sha256)
    throw new ShotlineError(
      'IMAGE_INVALID',
      `Shot ${shotId}: its kept frame ${image.path} changed on disk.`,
      {
        params: { shotId, path: image.path, case: 'keptFrameChanged' },
      },
    );
  return { sha256, width, height, source, png: bytes.toString('base64') };
}

/** The coordinator's prepared images, read into the job that goes to Redis. */
export async function shipConditioning(
  prepared: PreparedConditioning,
  shotId: string,
): Promise<ShippedConditioning> {
  return {
    mode: prepared.mode,
    ...(prepared.action && { action: prepared.action }),
    start: await packImage(prepared.start, shotId),
    ...(prepared.end && { end: await packImage(prepared.end, shotId) }),
  };
}

async function unpackImage(image: ShippedImage, path: string, jobId: string): Promise<ConditioningImage> {
  const bytes = Buffer.from(image.png, 'base64');
  if (sha256Of(bytes) !== image.sha256) {
    throw new ShotlineError(
      'IMAGE_INVALID',
      `Job ${jobId}: a conditioning image arrived from the coordinator damaged (its SHA-256 does not match); it was not used.`,
      { params: { jobId, case: 'shippedDamaged' } },
    );
  }
  await writeFile(path, bytes);
  const { sha256, width, height, source } = image;
  return { path, sha256, width, height, source };
}

/** A worker's side: the shipped images written into `dir` (start.png, end.png), each checked by its hash. */
export async function unpackConditioning(
  shipped: ShippedConditioning,
  dir: string,
  jobId: string,
): Promise<PreparedConditioning> {
  await mkdir(dir, { recursive: true });
  const start = await unpackImage(shipped.start, join(dir, 'start.png'), jobId);
  const end = shipped.end && (await unpackImage(shipped.end, join(dir, 'end.png'), jobId));
  return {
    mode: shipped.mode,
    ...(shipped.action && { action: shipped.action }),
    start,
    ...(end && { end }),
  };
}
