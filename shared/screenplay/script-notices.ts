// What a reader noticed but did not turn into script elements, said once per kind, for the CLI and the panel.
import { z } from 'zod';
import { SentenceParamsSchema } from '../errors/coded-error';

export const ScriptNoticeCodeSchema = z.enum([
  /** Paragraphs of a type the reader could not place (a template's own type with no known pagination). */
  'FDX_TYPE_SKIPPED',
  /** Paragraphs styled as hidden text: never part of the printed script. */
  'FDX_HIDDEN_SKIPPED',
  /** A template's own type read as the standard type it paginates as. */
  'FDX_TYPE_MAPPED',
  /** Beat Board and Story Map items: outline material kept outside the script body. */
  'FDX_BEATS_SKIPPED',
]);

export const ScriptNoticeSchema = z.object({
  code: ScriptNoticeCodeSchema,
  /** The paragraph type concerned, when there is one. */
  type: z.string().nullable(),
  count: z.number().int().min(1),
  /** The English sentence, for the CLI; the panel words `code` with `params` (type, via, count) instead. */
  message: z.string(),
  params: SentenceParamsSchema.optional(),
});

export type ScriptNoticeCode = z.infer<typeof ScriptNoticeCodeSchema>;
export type ScriptNotice = z.infer<typeof ScriptNoticeSchema>;
