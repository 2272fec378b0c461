// Shot description to the prompt text a backend receives, with limits checked and reported, never truncated.
import { z } from 'zod';
import { SentenceParamsSchema } from '../errors/coded-error';
import { ShotDescriptionSchema, type ShotDescription } from './description';
import { detectLanguage, type PromptLanguage } from './language';
import { composeParagraph } from './paragraph';
import {
  PROMPT_TARGETS,
  PROMPT_TARGET_NAMES,
  WAN_DEFAULT_NEGATIVE_PROMPT,
  isPromptTarget,
  type PromptTarget,
} from './prompt-targets';
import { renderTemplate, type PromptTemplate } from './templates';

export const PromptWarningCodeSchema = z.enum(['PROMPT_TOO_LONG', 'NEGATIVE_PROMPT_TOO_LONG']);

export const PromptWarningSchema = z.object({
  code: PromptWarningCodeSchema,
  field: z.enum(['prompt', 'negativePrompt']),
  length: z.number().int(),
  limit: z.number().int(),
  /** The English sentence; the panel words `code` with `params` (target, length, limit, over). */
  message: z.string(),
  params: SentenceParamsSchema,
});

export const CompiledPromptSchema = z.object({
  target: z.enum(PROMPT_TARGET_NAMES as [PromptTarget, ...PromptTarget[]]),
  prompt: z.string(),
  negativePrompt: z.string(),
  warnings: z.array(PromptWarningSchema),
});

export type PromptWarning = z.infer<typeof PromptWarningSchema>;
export type CompiledPrompt = z.infer<typeof CompiledPromptSchema>;

export interface CompilePromptOptions {
  target: PromptTarget;
  /** Lay the prompt out with this template instead of the default paragraph. */
  template?: Pick<PromptTemplate, 'template'>;
  /** Used when the shot's own negative prompt is empty; defaults to `WAN_DEFAULT_NEGATIVE_PROMPT`. */
  defaultNegativePrompt?: string;
  /** Wording and punctuation; detected from the shot's text when left out. */
  language?: PromptLanguage;
  /** The project's default style, appended to the shot's own style words in the default layout. */
  defaultStyle?: string;
}

/** Counts code points, as a person counting characters would (and as the services document their limits). */
export function promptLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export function compileShotPrompt(
  description: ShotDescription,
  options: CompilePromptOptions,
): CompiledPrompt {
  if (!isPromptTarget(options.target)) {
    throw new Error(
      `compileShotPrompt: options.target must be one of ${PROMPT_TARGET_NAMES.join(', ')} (got ${JSON.stringify(options.target)})`,
    );
  }
  const shot = ShotDescriptionSchema.parse(description);
  const language =
    options.language ??
    detectLanguage(shot.action, shot.subject.who, shot.subject.wardrobe, shot.environment);
  const prompt = options.template
    ? renderTemplate(options.template, shot, language)
    : composeParagraph(shot, language, {
        ...(options.defaultStyle && { defaultStyle: options.defaultStyle }),
      });
  const negativePrompt =
    shot.negativePrompt.trim() || (options.defaultNegativePrompt ?? WAN_DEFAULT_NEGATIVE_PROMPT).trim();
  return {
    target: options.target,
    prompt,
    negativePrompt,
    warnings: checkLimits(options.target, prompt, negativePrompt),
  };
}

function checkLimits(target: PromptTarget, prompt: string, negativePrompt: string): PromptWarning[] {
  const limits = PROMPT_TARGETS[target];
  const warnings: PromptWarning[] = [];
  const promptChars = promptLength(prompt);
  if (limits.maxPromptChars !== null && promptChars > limits.maxPromptChars) {
    warnings.push({
      code: 'PROMPT_TOO_LONG',
      field: 'prompt',
      length: promptChars,
      limit: limits.maxPromptChars,
      message: `The prompt is ${promptChars} characters; ${target} accepts at most ${limits.maxPromptChars}. Shorten the shot description by ${promptChars - limits.maxPromptChars} characters.`,
      params: overLimit(target, promptChars, limits.maxPromptChars),
    });
  }
  const negativeChars = promptLength(negativePrompt);
  if (limits.maxNegativePromptChars !== null && negativeChars > limits.maxNegativePromptChars) {
    warnings.push({
      code: 'NEGATIVE_PROMPT_TOO_LONG',
      field: 'negativePrompt',
      length: negativeChars,
      limit: limits.maxNegativePromptChars,
      message: `The negative prompt is ${negativeChars} characters; ${target} accepts at most ${limits.maxNegativePromptChars}. Shorten it by ${negativeChars - limits.maxNegativePromptChars} characters.`,
      params: overLimit(target, negativeChars, limits.maxNegativePromptChars),
    });
  }
  return warnings;
}

const overLimit = (target: PromptTarget, length: number, limit: number) => ({
  target,
  length,
  limit,
  over: length - limit,
});
