// How a bundle starts a shot from an image: the VAE encoder's graphs and the transformer's image input.
import { z } from 'zod';
import { GraphCacheSchema, GraphFileShape, TensorSpecSchema } from './tensor-spec';

const EncoderGraphSchema = z
  .object({ ...GraphFileShape, video: TensorSpecSchema, latent: TensorSpecSchema })
  .strict();

/**
 * Wan's VAE encoder split like its decoder (WanVAE_.encode encodes frame 0, then chunks of 4 frames, the
 * causal convolutions' caches carried between chunks): `init` takes frame 0 [1,3,1,H,W], `step` the next 4
 * frames [1,3,4,H,W] with the caches (`nc_k` of one call is `c_k` of the next). Both give one latent frame,
 * already normalised ((mu − mean)/std, Wan2_1_VAE.encode / Wan2_2_VAE.encode).
 */
export const VaeEncoderSchema = z
  .object({
    init: EncoderGraphSchema,
    step: EncoderGraphSchema,
    cache: GraphCacheSchema,
  })
  .strict();
export type VaeEncoderSpec = z.infer<typeof VaeEncoderSchema>;

export const ImageConditioningSchema = z.discriminatedUnion('kind', [
  /**
   * TI2V-5B (wan/textimage2video.py, i2v): the encoded image is latent frame 0, put back after every step, and
   * frame 0's tokens get timestep 0 (`mask2 * t`): the transformer's timestep is one value per latent frame.
   */
  z.object({ kind: z.literal('first-latent') }).strict(),
  /**
   * I2V-A14B (wan/image2video.py): y = [mask (4 channels), VAE([image, zeros…]) (C channels)], a second input
   * the graph concatenates to the latents (WanModel in_dim 36 = 16 + 4 + 16).
   */
  z
    .object({
      kind: z.literal('channels'),
      input: TensorSpecSchema,
      /**
       * The experts also take Wan2.1's first-and-last-frame y (wan/first_last_frame2video.py): the mask 1 on
       * the first and last pixel frames, VAE([first, zeros…, last]). Wan2.2's I2V-A14B experts run it in
       * ComfyUI's official Wan2.2 14B FLF2V workflow (WanFirstLastFrameToVideo). Absent: image to video only.
       */
      firstLastFrame: z.boolean().optional(),
    })
    .strict(),
]);
export type ImageConditioningSpec = z.infer<typeof ImageConditioningSchema>;

/** y's mask channels (image2video.py: the first frame repeated 4 times, folded by the temporal stride). */
export const I2V_MASK_CHANNELS = 4;
