// Named prompt templates with `{field}` placeholders and `[optional parts]`, plus a few good defaults.
import { z } from 'zod';
import { codedSentenceSchema } from '../errors/coded-error';
import type { ShotDescription } from './description';
import { detectLanguage, type PromptLanguage } from './language';
import { cameraText } from './paragraph';

const PLACEHOLDER_VALUES = {
  subject: (d: ShotDescription) => d.subject.who,
  wardrobe: (d: ShotDescription) => d.subject.wardrobe,
  action: (d: ShotDescription) => d.action,
  environment: (d: ShotDescription) => d.environment,
  timeOfDay: (d: ShotDescription) => d.timeOfDay,
  weather: (d: ShotDescription) => d.weather,
  camera: (d: ShotDescription, language: PromptLanguage) => cameraText(d, language),
  shotSize: (d: ShotDescription) => d.camera.shotSize,
  angle: (d: ShotDescription) => d.camera.angle,
  movement: (d: ShotDescription) => d.camera.movement,
  lens: (d: ShotDescription) => d.camera.lens,
  lighting: (d: ShotDescription) => d.lighting,
  style: (d: ShotDescription) => d.style,
} as const;

export type TemplatePlaceholder = keyof typeof PLACEHOLDER_VALUES;
export const TEMPLATE_PLACEHOLDERS = Object.freeze(Object.keys(PLACEHOLDER_VALUES) as TemplatePlaceholder[]);

const PLACEHOLDER = /\{([^{}]+)\}/g;

export const TemplateProblemCodeSchema = z.enum([
  'TEMPLATE_UNKNOWN_PLACEHOLDER',
  'TEMPLATE_BRACKETS_UNBALANCED',
  'TEMPLATE_DUPLICATE_NAME',
]);
export const TemplateProblemSchema = codedSentenceSchema(TemplateProblemCodeSchema);
export type TemplateProblem = z.infer<typeof TemplateProblemSchema>;

const UNBALANCED: TemplateProblem = {
  code: 'TEMPLATE_BRACKETS_UNBALANCED',
  message: 'optional parts [ ] must be balanced and not nested',
  params: {},
};

/** Problems with a template's text, coded (the panel words them); empty when it is usable. */
export function checkTemplateText(template: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const valid = TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(', ');
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (!(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(match[1]!)) {
      problems.push({
        code: 'TEMPLATE_UNKNOWN_PLACEHOLDER',
        message: `unknown placeholder {${match[1]}} (valid: ${valid})`,
        params: { placeholder: `{${match[1]}}`, valid },
      });
    }
  }
  let depth = 0;
  for (const char of template) {
    if (char === '[') depth++;
    if (char === ']') depth--;
    if (depth < 0 || depth > 1) {
      problems.push(UNBALANCED);
      break;
    }
  }
  if (depth > 0) problems.push(UNBALANCED);
  return problems;
}

export const PromptTemplateSchema = z
  .object({
    name: z.string().trim().min(1),
    description: z.string().default(''),
    template: z.string().min(1),
  })
  .superRefine((value, ctx) => {
    // The issue's params carry the coded problem, so the panel words it instead of showing zod's English.
    for (const problem of checkTemplateText(value.template))
      ctx.addIssue({ code: 'custom', message: problem.message, params: problem, path: ['template'] });
  });

export const PromptTemplateLibrarySchema = z
  .object({ version: z.literal(1), templates: z.array(PromptTemplateSchema) })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.templates.forEach((template, index) => {
      if (seen.has(template.name)) {
        const problem: TemplateProblem = {
          code: 'TEMPLATE_DUPLICATE_NAME',
          message: `duplicate template name "${template.name}"`,
          params: { name: template.name },
        };
        ctx.addIssue({
          code: 'custom',
          message: problem.message,
          params: problem,
          path: ['templates', index, 'name'],
        });
      }
      seen.add(template.name);
    });
  });

export type PromptTemplate = z.infer<typeof PromptTemplateSchema>;
export type PromptTemplateLibrary = z.infer<typeof PromptTemplateLibrarySchema>;

/**
 * A `[part]` is dropped when any placeholder in it is empty, so "[ Weather: {weather}.]" leaves no
 * dangling label; spaces are tidied afterwards.
 */
export function renderTemplate(
  template: Pick<PromptTemplate, 'template'>,
  description: ShotDescription,
  language: PromptLanguage = detectLanguage(
    description.action,
    description.subject.who,
    description.environment,
  ),
): string {
  const problems = checkTemplateText(template.template);
  if (problems.length > 0)
    throw new Error(`renderTemplate: template.template has ${problems.map((p) => p.message).join('; ')}`);
  // An action that is only a predicate ("leaps from the edge", the subject being the bible's description)
  // takes its subject back, so "{subject}. {action}" cannot split a sentence in two.
  const who = description.subject.who.trim();
  const predicate = language === 'en' && who !== '' && /^\p{Ll}/u.test(description.action.trim());
  const shot = predicate
    ? {
        ...description,
        subject: { ...description.subject, who: '' },
        action: `${who.charAt(0).toUpperCase()}${who.slice(1)} ${description.action.trim()}`,
      }
    : description;
  const valueOf = (name: string): string =>
    PLACEHOLDER_VALUES[name as TemplatePlaceholder](shot, language)
      .trim()
      .replace(/\s*\n\s*/g, ' ');
  const fill = (text: string): string => text.replace(PLACEHOLDER, (_, name: string) => valueOf(name));
  const withOptionalParts = template.template.replace(/\[([^[\]]*)\]/g, (_, part: string) => {
    const names = [...part.matchAll(PLACEHOLDER)].map((match) => match[1]!);
    return names.every((name) => valueOf(name) !== '') ? part : '';
  });
  return fill(withOptionalParts)
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ +([,.;:!?])/g, '$1')
    .trim();
}

export const DEFAULT_PROMPT_TEMPLATES: readonly PromptTemplate[] = Object.freeze(
  [
    {
      name: 'action stunt',
      description: 'Fast, physical action with the stunt readable from start to landing.',
      template:
        'Dynamic action stunt shot. [{subject}. ][Wearing {wardrobe}. ]{action} [Setting: {environment}, {timeOfDay}.] [Weather: {weather}.] Camera: [{camera}, ]fast tracking movement that keeps the whole body in frame, real momentum and weight, motion blur on impacts, sparks and debris. [Lighting: {lighting}.] [Style: {style}.]',
    },
    {
      name: 'establishing shot',
      description: 'A wide, slow look at the place before the scene starts.',
      template:
        'Establishing shot[ of {environment}][ at {timeOfDay}]. {action} [Weather: {weather}.] Camera: [{camera}, ]wide composition, slow steady movement, deep focus, the whole location readable. [Lighting: {lighting}.] [Style: {style}.]',
    },
    {
      name: 'cyberpunk night exterior',
      description: 'Rain-wet neon city at night.',
      template:
        '[{subject}. ][Wearing {wardrobe}. ]{action} Setting: [{environment}, ]cyberpunk city street at night, wet asphalt reflecting pink and teal neon signs, steam and haze. [Weather: {weather}.] [Camera: {camera}.] Lighting: neon glow and hard rim light[, {lighting}]. Style: cyberpunk, cinematic, high contrast[, {style}].',
    },
  ].map((template) => Object.freeze(PromptTemplateSchema.parse(template))),
);
