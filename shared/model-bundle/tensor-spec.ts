// Tensor and graph-file specs: the pieces every graph entry of a bundle manifest is made of.
import { z } from 'zod';

/** `float` means float32 or float16, whichever the graph declares (an fp16 export may take fp16 inputs). */
export const TensorDTypeSchema = z.enum(['float32', 'float16', 'int64', 'float']);
export type TensorDType = z.infer<typeof TensorDTypeSchema>;

/** A fixed size, or a symbolic name for a size the graph takes at run time. */
export const DimSchema = z.union([z.number().int().positive(), z.string().min(1).max(32)]);
export type Dim = z.infer<typeof DimSchema>;

export const TensorSpecSchema = z
  .object({ name: z.string().min(1), dtype: TensorDTypeSchema, shape: z.array(DimSchema).max(8) })
  .strict();
export type TensorSpec = z.infer<typeof TensorSpecSchema>;

/** A path inside the bundle folder: relative, forward slashes, never climbing out. */
export const BundlePathSchema = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !/^[a-zA-Z]:/.test(p) && !p.split(/[\\/]/).includes('..'), {
    message: 'bundle paths are relative and stay inside the bundle folder',
  });

export const GraphFileShape = {
  file: BundlePathSchema,
  /** External-data files beside the graph (`<file>.data`); every graph over 2 GB has one. */
  externalData: z.array(BundlePathSchema).default([]),
};

/**
 * A streaming graph's caches (the VAE decoder's and encoder's): `count` slots, output `<outputPrefix>k` of one
 * call fed back as input `<inputPrefix>k` of the next.
 */
export const GraphCacheSchema = z
  .object({
    count: z.number().int().min(0).max(256),
    inputPrefix: z.string().min(1),
    outputPrefix: z.string().min(1),
  })
  .strict();
