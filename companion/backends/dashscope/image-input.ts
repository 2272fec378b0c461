// Conditioning images as DashScope takes them: inline data URIs within the documented size and pixel limits.
import sharp from 'sharp';
import { ShotlineError } from '../../../shared/protocol';
import type { PreparedConditioning } from '../backend';
import type { CreateTaskBody } from './dashscope-client';
import type { DashScopeImageModel } from './models';

/** The image rules of the first-frame and keyframe APIs: 360–2000 px a side, at most 10 MB. */
export const DASHSCOPE_IMAGE_LIMITS = Object.freeze({
  minSide: 360,
  maxSide: 2000,
  maxBytes: 10 * 1024 * 1024,
});

/**
 * The image as `data:image/jpeg;base64,…`, scaled (keeping its shape) into the allowed sides. JPEG because a
 * 1080p PNG of footage can pass 10 MB, and the service has no use for the alpha PNG may carry.
 */
export async function imageDataUri(path: string): Promise<string> {
  const { minSide, maxSide, maxBytes } = DASHSCOPE_IMAGE_LIMITS;
  const meta = await sharp(path).metadata();
  const long = Math.max(meta.width ?? 0, meta.height ?? 0);
  const short = Math.min(meta.width ?? 0, meta.height ?? 0);
  const scale = long > maxSide ? maxSide / long : short < minSide ? minSide / short : 1;
  if (Math.round(long * scale) > maxSide) {
    throw new ShotlineError(
      'IMAGE_INVALID',
      `A ${meta.width}x${meta.height} image cannot be sent to DashScope: its sides must be ${minSide}–${maxSide} px.`,
      {
        params: {
          width: meta.width ?? 0,
          height: meta.height ?? 0,
          min: minSide,
          max: maxSide,
          case: 'dashscopeSides',
        },
      },
    );
  }
  const jpeg = await sharp(path)
    .resize(Math.round((meta.width ?? 0) * scale), Math.round((meta.height ?? 0) * scale))
    .flatten()
    .jpeg({ quality: 92 })
    .toBuffer();
  if (jpeg.length > maxBytes)
    throw new ShotlineError('IMAGE_INVALID', `The image is over ${maxBytes / 2 ** 20} MB.`, {
      params: { mb: maxBytes / 2 ** 20, case: 'overMB' },
    });
  return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
}

/** The `input` fields of a create call for the model's mode: img_url, or first_frame_url and last_frame_url. */
export async function imageInput(
  model: DashScopeImageModel,
  conditioning: PreparedConditioning,
): Promise<Partial<CreateTaskBody['input']>> {
  const first = await imageDataUri(conditioning.start.path);
  if (model.mode === 'i2v') return { img_url: first };
  if (!conditioning.end)
    throw new ShotlineError('INVALID_SHOT', 'First-and-last-frame needs an end image.', {
      params: { case: 'noEndImage' },
    });
  return { first_frame_url: first, last_frame_url: await imageDataUri(conditioning.end.path) };
}
