// Colour in the media stage: what a source is, its explicit conversion to BT.709 limited range, and the tags.
import { z } from 'zod';
import {
  ColourMatrixSchema,
  ColourPrimariesSchema,
  ColourRangeSchema,
  ColourTransferSchema,
  PartialColourTagsSchema,
  ShotlineError,
  type ColourHandling,
  type ColourTags,
  type PartialColourTags,
} from '../../shared/protocol';
import { SOURCE_COLOUR_PRESETS } from './colour-presets';
import type { ProbedColour } from './probe';

export { SOURCE_COLOUR_PRESETS };

/** Every clip Shotline writes: BT.709 primaries, transfer and matrix, limited range, as Premiere reads HD. */
export const OUTPUT_COLOUR: Readonly<ColourTags> = Object.freeze({
  matrix: 'bt709',
  primaries: 'bt709',
  transfer: 'bt709',
  range: 'tv',
});

/** Raw frames from backends (slate, the ONNX VAE): RGB code values, full range, for a BT.709/sRGB display. */
export const FRAME_COLOUR: Readonly<ColourTags> = Object.freeze({
  matrix: 'gbr',
  primaries: 'bt709',
  transfer: 'bt709',
  range: 'pc',
});

/** The per-backend setting: a preset name, or the tags to assume one by one. */
export const SourceColourSettingSchema = z.union([
  z.enum(Object.keys(SOURCE_COLOUR_PRESETS) as [keyof typeof SOURCE_COLOUR_PRESETS]),
  PartialColourTagsSchema,
]);
export type SourceColourSetting = z.infer<typeof SourceColourSettingSchema>;

/** A backend's assumption for untagged files: its setting when given, else what the producer is known to use. */
export function resolveSourceColour(
  owner: string,
  setting: unknown,
  producerDefault: PartialColourTags,
): PartialColourTags {
  if (setting === undefined) return producerDefault;
  const parsed = SourceColourSettingSchema.safeParse(setting);
  if (!parsed.success) {
    throw new Error(
      `${owner}: option "colour" must be one of ${Object.keys(SOURCE_COLOUR_PRESETS).join(', ')} or an object ` +
        `of matrix (${ColourMatrixSchema.options.join('|')}), primaries (${ColourPrimariesSchema.options.join('|')}), ` +
        `transfer (${ColourTransferSchema.options.join('|')}) and range (tv|pc); got ${JSON.stringify(setting)}`,
    );
  }
  const value = parsed.data;
  // Tags the setting leaves out keep the producer's value, not the generic guess.
  return { ...producerDefault, ...(typeof value === 'string' ? SOURCE_COLOUR_PRESETS[value] : value) };
}

/** The source's tags as used for the conversion, and the record that goes into provenance. */
export interface ColourPlan {
  source: ColourTags;
  handling: ColourHandling;
}

export const FRAMES_COLOUR_PLAN: Readonly<ColourPlan> = Object.freeze({
  source: FRAME_COLOUR,
  handling: {
    source: 'frames' as const,
    // RGB full range is what the frame format is; primaries and transfer are what backends are taken to mean.
    found: { matrix: 'gbr' as const, range: 'pc' as const },
    assumed: { primaries: 'bt709' as const, transfer: 'bt709' as const },
    written: OUTPUT_COLOUR,
  },
});

/**
 * Frames a backend painted as RGB (as above) and converted to the output's yuv420p itself (yuv420.ts): the
 * record is the painted frames', and the pixels are already what is written.
 */
export const YUV_FRAMES_COLOUR_PLAN: Readonly<ColourPlan> = Object.freeze({
  source: OUTPUT_COLOUR,
  handling: FRAMES_COLOUR_PLAN.handling,
});

const RGB_PIXEL_FORMAT = /^(rgb|bgr|gbr|argb|abgr|0rgb|0bgr|pal8)/;
const UNTAGGED = new Set(['unknown', 'unspecified', 'reserved']);

function readTag<T extends string>(
  schema: z.ZodEnum<Record<T, T>>,
  name: string,
  value: string | undefined,
): T | undefined {
  if (value === undefined || UNTAGGED.has(value)) return undefined;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ShotlineError(
    'UNSUPPORTED_COLOUR',
    `The source video is tagged with colour ${name} "${value}", which Shotline cannot convert to BT.709 ` +
      `(supported: ${schema.options.join(', ')}).`,
    { params: { name, value, supported: schema.options.join(', ') } },
  );
}

/** What the file's own tags and pixel format say; RGB and JPEG-range formats settle matrix or range themselves. */
export function foundColour(probed: ProbedColour): PartialColourTags {
  const found: PartialColourTags = {};
  const rgb = probed.pixFmt !== undefined && RGB_PIXEL_FORMAT.test(probed.pixFmt);
  const matrix = rgb ? 'gbr' : readTag(ColourMatrixSchema, 'matrix', probed.matrix);
  const primaries = readTag(ColourPrimariesSchema, 'primaries', probed.primaries);
  const transfer = readTag(ColourTransferSchema, 'transfer', probed.transfer);
  const range =
    rgb || probed.pixFmt?.startsWith('yuvj') ? 'pc' : readTag(ColourRangeSchema, 'range', probed.range);
  if (matrix) found.matrix = matrix;
  if (primaries) found.primaries = primaries;
  if (transfer) found.transfer = transfer;
  if (range) found.range = range;
  return found;
}

/**
 * The plan for an encoded file: its own tags first, then the backend's assumption, then what players assume
 * of an untagged file from an unknown producer (BT.601 below 720 lines, BT.709 from 720 up; limited range).
 */
export function fileColourPlan(
  probed: ProbedColour,
  height: number,
  assumption: PartialColourTags = {},
): ColourPlan {
  const found = foundColour(probed);
  const generic: ColourTags = {
    matrix: height < 720 ? 'smpte170m' : 'bt709',
    primaries: 'bt709',
    transfer: 'bt709',
    range: 'tv',
  };
  const assumed: PartialColourTags = {};
  for (const key of ['matrix', 'primaries', 'transfer', 'range'] as const) {
    if (found[key] === undefined) Object.assign(assumed, { [key]: assumption[key] ?? generic[key] });
  }
  return {
    source: { ...found, ...assumed } as ColourTags,
    handling: { source: 'file', found, assumed, written: OUTPUT_COLOUR },
  };
}

// zscale's names for the same things. The SDR camera curves (BT.709, BT.601, BT.2020) are one curve, so they
// all map to 709: converting between them would only add rounding.
const Z_MATRIX: Record<ColourTags['matrix'], string | undefined> = {
  bt709: '709',
  smpte170m: '170m',
  bt470bg: '470bg',
  bt2020nc: '2020_ncl',
  gbr: undefined, // RGB formats carry no matrix; zscale knows them by their pixel format
};
const Z_PRIMARIES: Record<ColourTags['primaries'], string> = {
  bt709: '709',
  smpte170m: '170m',
  bt470bg: 'bt470bg',
  bt2020: '2020',
};
const Z_TRANSFER: Record<ColourTags['transfer'], string> = {
  bt709: '709',
  smpte170m: '709',
  bt470bg: '709',
  'bt2020-10': '709',
  'bt2020-12': '709',
  'iec61966-2-1': 'iec61966-2-1',
  linear: 'linear',
};
const Z_RANGE: Record<ColourTags['range'], string> = { tv: 'limited', pc: 'full' };

/**
 * One explicit zscale conversion from `from` to `to`, into `pixFmt`: no ffmpeg default is left to guess. RGB
 * is first unpacked to planar gbrp (no matrix involved): left to negotiate, zscale would get gbrap and convert
 * an alpha plane nobody uses, at twice the cost.
 */
export function convertFilter(from: ColourTags, to: ColourTags, pixFmt: string): string {
  const side = (tags: ColourTags, suffix: string) => [
    ...(Z_MATRIX[tags.matrix] ? [`matrix${suffix}=${Z_MATRIX[tags.matrix]}`] : []),
    `primaries${suffix}=${Z_PRIMARIES[tags.primaries]}`,
    `transfer${suffix}=${Z_TRANSFER[tags.transfer]}`,
    `range${suffix}=${Z_RANGE[tags.range]}`,
  ];
  const same = (Object.keys(from) as (keyof ColourTags)[]).every((k) => from[k] === to[k]);
  // RGB frames that are already what the chain works in need only their planar layout.
  if (same && from.matrix === 'gbr') return `format=${pixFmt}`;
  const unpack = from.matrix === 'gbr' ? 'format=gbrp,' : '';
  return `${unpack}zscale=${[...side(from, 'in'), ...side(to, '')].join(':')},format=${pixFmt}`;
}

/**
 * A drawing filter (the burned-in label) run on RGB between two explicit conversions: ffmpeg's drawtext turns
 * its RGB colours into YUV with BT.601 coefficients, which would tint the label's box under BT.709. (zimg does
 * the round trip as fast as swscale's packed-RGB path and several times faster than its planar one.)
 */
export function drawnInRgb(filter: string, pixFmt: string): string {
  return [
    convertFilter(OUTPUT_COLOUR, FRAME_COLOUR, 'gbrp'),
    filter,
    convertFilter(FRAME_COLOUR, OUTPUT_COLOUR, pixFmt),
  ].join(',');
}

/**
 * The encoder's format again after the conform filters (a no-op unless one of them changed it), then frame tags
 * that encoders such as prores_ks copy into their bitstream.
 */
export function outputFormatFilter(pixFmt: string): string {
  return `format=${pixFmt},setparams=colorspace=bt709:color_primaries=bt709:color_trc=bt709:range=tv`;
}

/** Container and stream tags for every output. */
export const OUTPUT_TAG_ARGS: readonly string[] = Object.freeze([
  ...['-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv'],
]);
