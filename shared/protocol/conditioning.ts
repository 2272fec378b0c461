// Images a shot starts or ends on: a frame of a media file at an exact source time, or a still file.
import { z } from 'zod';

/** Longest media path accepted; the companion resolves it under its allowed media roots. */
const MediaPathSchema = z.string().min(1).max(4096);

/** Seconds as an exact ratio (Premiere ticks over 254016000000, or frame × 1001 over 24000), never a float. */
export const RationalTimeSchema = z.object({
  num: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  den: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});
export type RationalTime = z.infer<typeof RationalTimeSchema>;

/**
 * Where a conditioning image comes from. `frame`: the frame of a video file shown at `time` (source time
 * from the file's start), extracted by the companion. `still`: a PNG, JPEG or WebP file. `board`: the still
 * named after the shot in a folder of storyboard frames (`<folder>/<name>.png`, `.jpg`, `.jpeg` or `.webp`).
 */
export const ImageSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('frame'), path: MediaPathSchema, time: RationalTimeSchema }),
  z.object({ kind: z.literal('still'), path: MediaPathSchema }),
  z.object({
    kind: z.literal('board'),
    folder: MediaPathSchema,
    name: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[^/\\]+$/, 'a board name is a file name without folders')
      .refine((n) => n !== '.' && n !== '..', 'a board name is a file name without folders'),
  }),
]);
export type ImageSource = z.infer<typeof ImageSourceSchema>;

/** i2v: the shot starts on `startImage`; flf2v: it starts on `startImage` and ends on `endImage`. */
export const ConditioningModeSchema = z.enum(['i2v', 'flf2v']);
export type ConditioningMode = z.infer<typeof ConditioningModeSchema>;

/** The panel action that asked for it, kept in provenance so an editor can tell an extension from a bridge. */
export const ConditioningActionSchema = z.enum(['extend', 'bridge', 'storyboard', 'continue']);
export type ConditioningAction = z.infer<typeof ConditioningActionSchema>;

export const ConditioningSchema = z
  .object({
    mode: ConditioningModeSchema,
    action: ConditioningActionSchema.optional(),
    startImage: ImageSourceSchema,
    endImage: ImageSourceSchema.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.mode === 'flf2v' && !c.endImage)
      ctx.addIssue({
        code: 'custom',
        path: ['endImage'],
        message: 'first-and-last-frame (flf2v) needs an endImage',
      });
    if (c.mode === 'i2v' && c.endImage)
      ctx.addIssue({
        code: 'custom',
        path: ['endImage'],
        message: 'image-to-video (i2v) takes no endImage; use flf2v',
      });
  });
export type Conditioning = z.infer<typeof ConditioningSchema>;

/** One conditioning image as provenance records it: what it was, where from, and what the backend did. */
export const ConditioningImageRecordSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  source: ImageSourceSchema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type ConditioningImageRecord = z.infer<typeof ConditioningImageRecordSchema>;

export const ConditioningRecordSchema = z.object({
  /** The mode asked for. */
  requested: ConditioningModeSchema,
  /** The mode the backend ran: i2v where it has no first-and-last-frame (the end image was then unused). */
  used: ConditioningModeSchema,
  action: ConditioningActionSchema.optional(),
  startImage: ConditioningImageRecordSchema,
  endImage: ConditioningImageRecordSchema.optional(),
});
export type ConditioningRecord = z.infer<typeof ConditioningRecordSchema>;

/**
 * The mode a backend with `supported` modes runs for `requested`: the same, or image-to-video from the start
 * image where it has no first-and-last-frame; undefined when it cannot start from an image at all.
 */
export function conditioningModeFor(
  requested: ConditioningMode,
  supported: readonly ConditioningMode[] = [],
): ConditioningMode | undefined {
  if (supported.includes(requested)) return requested;
  if (requested === 'flf2v' && supported.includes('i2v')) return 'i2v';
  return undefined;
}
