// The named source-colour assumptions, apart from the colour module's schemas so the CLI's help can list them.
import type { PartialColourTags } from '../../shared/protocol';

/** Named source assumptions for the per-backend `colour` setting; the primaries are BT.709 in all of them. */
export const SOURCE_COLOUR_PRESETS = Object.freeze({
  // ffmpeg's and PyAV's default RGB->YUV conversion: what an untagged file from them really is.
  bt601: { matrix: 'smpte170m', range: 'tv' },
  'bt601-full': { matrix: 'smpte170m', range: 'pc' },
  bt709: { matrix: 'bt709', range: 'tv' },
  'bt709-full': { matrix: 'bt709', range: 'pc' },
} satisfies Record<string, PartialColourTags>);
