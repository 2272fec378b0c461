// Every code of a sentence built in shared/ that the panel shows: it words each from `shared.<CODE>` in its
// catalogues (a test holds both languages to this list), the English message staying for the CLI and logs.
import { NO_ACTION_CODES, ScriptErrorCodeSchema, ScriptNoticeCodeSchema } from './screenplay';
import { PromptWarningCodeSchema, TemplateProblemCodeSchema, VariantErrorCodeSchema } from './shots';
import { TimecodeErrorCodeSchema } from './timecode';

export const SHARED_SENTENCE_CODES = Object.freeze([
  ...ScriptNoticeCodeSchema.options,
  ...ScriptErrorCodeSchema.options,
  ...NO_ACTION_CODES,
  ...TimecodeErrorCodeSchema.options,
  ...VariantErrorCodeSchema.options,
  ...PromptWarningCodeSchema.options,
  ...TemplateProblemCodeSchema.options,
]);
export type SharedSentenceCode = (typeof SHARED_SENTENCE_CODES)[number];
