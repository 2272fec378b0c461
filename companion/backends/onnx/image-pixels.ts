// A conditioning PNG as the VAE encoder takes it: planar RGB in [−1, 1] at the take's native size.
import sharp from 'sharp';

/**
 * Wan's preprocessing (wan/textimage2video.py, i2v): resize by the larger scale so the image covers the size,
 * centre-crop, LANCZOS, then `TF.to_tensor(img).sub_(0.5).div_(0.5)`. The companion already fitted the image
 * to the shot's size; this only rescales it to the model's native size when the two differ. I2V-A14B takes the
 * same pixels: Wan's image2video.py instead stretches the image bicubically to the size it derives from the
 * image's aspect ratio, but here the size is the native one the shot was planned at, so cover + crop keeps
 * the picture undistorted, as the clip is later conformed.
 */
export async function imagePixels(path: string, width: number, height: number): Promise<Float32Array> {
  const { data, info } = await sharp(path)
    .removeAlpha()
    .resize(width, height, { fit: 'cover', position: 'centre', kernel: 'lanczos3' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const plane = width * height;
  const out = new Float32Array(3 * plane);
  for (let p = 0; p < plane; p++)
    for (let c = 0; c < 3; c++) out[c * plane + p] = (data[p * info.channels + c]! / 255 - 0.5) / 0.5;
  return out;
}
