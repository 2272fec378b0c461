// Media quantities shared by both sides: exact frame rates, frame sizes and durations.
import { z } from 'zod';

/** A frame rate as an exact ratio, so 23.976 is 24000/1001 and never drifts over a long sequence. */
export const FrameRateSchema = z
  .object({
    num: z.number().int().positive().max(1_000_000),
    den: z.number().int().positive().max(1_000_000),
  })
  .refine((r) => r.num / r.den <= 1000, { message: 'frame rate must be at most 1000 fps' });
export type FrameRate = z.infer<typeof FrameRateSchema>;

export const FrameSizeSchema = z.object({
  width: z.number().int().min(16).max(8192),
  height: z.number().int().min(16).max(8192),
});
export type FrameSize = z.infer<typeof FrameSizeSchema>;

/** A clip length either in seconds (rounded to whole frames at the clip's rate) or in exact frames. */
export const ClipDurationSchema = z.union([
  z.object({ frames: z.number().int().positive().max(1_000_000) }),
  z.object({ seconds: z.number().positive().max(3600) }),
]);
export type ClipDuration = z.infer<typeof ClipDurationSchema>;
