// Prompt templates on the wire: the shared template schema with the sizes a companion agrees to store.
import { z } from 'zod';
import { CharacterBibleSchema } from '../shots/bible';
import { PromptTemplateSchema } from '../shots/templates';

/** Bounds that keep one project's library small enough to send in every reply. */
export const TEMPLATE_LIMITS = Object.freeze({
  nameChars: 80,
  descriptionChars: 400,
  templateChars: 4000,
  perProject: 200,
  negativePromptChars: 4000,
  defaultStyleChars: 400,
  /** Scripts whose character bible one project keeps. */
  biblesPerProject: 100,
  /**
   * UTF-8 bytes all of one project's bibles may take: the first page of a `templates` reply carries them
   * beside up to 512 KiB of templates, and the whole page must stay under the 1 MiB message limit.
   */
  biblesBytes: 256 * 1024,
  scriptKeyChars: 256,
  /** Projects one companion keeps templates for: templates.json and every save stay small. */
  projects: 1000,
});

/** One script's character bible as a project stores it, keyed by the script's file name (or title). */
export const ScriptBibleSchema = CharacterBibleSchema.extend({
  script: z.string().trim().min(1).max(TEMPLATE_LIMITS.scriptKeyChars),
});
export type ScriptBible = z.infer<typeof ScriptBibleSchema>;

/** Bibles by script key, as the `templates` message carries them. */
export const ProjectBiblesSchema = z.record(z.string(), CharacterBibleSchema);

/** Templates and the negative prompt are kept per project; panels that name none share this one. */
export const DEFAULT_TEMPLATE_PROJECT = 'default';

export const TemplateProjectSchema = z.string().trim().min(1).max(128);

export const WireTemplateSchema = PromptTemplateSchema.superRefine((value, ctx) => {
  const limits: [keyof typeof value, number][] = [
    ['name', TEMPLATE_LIMITS.nameChars],
    ['description', TEMPLATE_LIMITS.descriptionChars],
    ['template', TEMPLATE_LIMITS.templateChars],
  ];
  for (const [field, limit] of limits) {
    if (value[field].length > limit)
      ctx.addIssue({ code: 'custom', message: `at most ${limit} characters`, path: [field] });
  }
});
export type WireTemplate = z.infer<typeof WireTemplateSchema>;
