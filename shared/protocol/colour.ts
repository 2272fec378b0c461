// Colour tags in ffprobe's own names, and the record of how a clip's colour was handled, for provenance.
import { z } from 'zod';

/** YCbCr matrices Shotline converts from; `gbr` is RGB (no matrix). smpte170m and bt470bg are both BT.601. */
export const ColourMatrixSchema = z.enum(['bt709', 'smpte170m', 'bt470bg', 'bt2020nc', 'gbr']);
export const ColourPrimariesSchema = z.enum(['bt709', 'smpte170m', 'bt470bg', 'bt2020']);
/** SDR transfer curves only: HDR (PQ, HLG) sources would need tone mapping, which Shotline does not do. */
export const ColourTransferSchema = z.enum([
  'bt709',
  'smpte170m',
  'bt470bg',
  'bt2020-10',
  'bt2020-12',
  'iec61966-2-1',
  'linear',
]);
/** `tv` is limited range (16–235 for 8-bit luma), `pc` full range (0–255). */
export const ColourRangeSchema = z.enum(['tv', 'pc']);

export const ColourTagsSchema = z.object({
  matrix: ColourMatrixSchema,
  primaries: ColourPrimariesSchema,
  transfer: ColourTransferSchema,
  range: ColourRangeSchema,
});
export type ColourTags = z.infer<typeof ColourTagsSchema>;

/** Some of the four tags: what a source carried, or what is assumed where it carried nothing. */
export const PartialColourTagsSchema = ColourTagsSchema.partial().strict();
export type PartialColourTags = z.infer<typeof PartialColourTagsSchema>;

export const ColourHandlingSchema = z.object({
  /** Raw frames from the backend (RGB by construction) or an encoded file read by the conform step. */
  source: z.enum(['frames', 'file']),
  /** Tags the source itself carried (raw frames: what the frame format fixes). */
  found: PartialColourTagsSchema,
  /** Tags the source lacked, filled from the backend's setting or the producer's known defaults. */
  assumed: PartialColourTagsSchema,
  /** What the output was converted to and tagged as. */
  written: ColourTagsSchema,
});
export type ColourHandling = z.infer<typeof ColourHandlingSchema>;
