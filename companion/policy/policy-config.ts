// The content policy a studio sets: categories on, warned or blocked, its own word lists, per project.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ownKeyMap } from '../util/own-key-map';

export const PolicyActionSchema = z.enum(['allow', 'warn', 'block']);
export type PolicyAction = z.infer<typeof PolicyActionSchema>;

export const POLICY_CATEGORIES = ['violence', 'sexual', 'selfHarm', 'hate'] as const;
export type PolicyCategory = (typeof POLICY_CATEGORIES)[number];

const RulesSchema = z
  .object({
    categories: z.partialRecord(z.enum(POLICY_CATEGORIES), PolicyActionSchema),
    blockWords: z.array(z.string().min(1)),
    warnWords: z.array(z.string().min(1)),
  })
  .partial();

export const PolicyConfigSchema = RulesSchema.extend({
  /** Optional remote moderation endpoint: POST {"text"} → {"flagged", "reason"?, "categories"?}. */
  moderationUrl: z.url({ protocol: /^https?$/ }).optional(),
  moderationTimeoutMs: z.number().int().positive().max(60_000).default(5000),
  /** What to do when the moderation endpoint cannot be reached: refuse (safe) or let the shot through. */
  onModerationError: z.enum(['block', 'allow']).default('block'),
  projects: ownKeyMap(RulesSchema).default(() => new Map()),
}).strict();
export type PolicyConfig = z.infer<typeof PolicyConfigSchema>;

export interface EffectiveRules {
  categories: Record<PolicyCategory, PolicyAction>;
  blockWords: string[];
  warnWords: string[];
}

/** Film previs shows fights and explosions: violence is allowed unless a studio says otherwise. */
export const DEFAULT_CATEGORY_ACTIONS: Readonly<Record<PolicyCategory, PolicyAction>> = Object.freeze({
  violence: 'allow',
  sexual: 'warn',
  selfHarm: 'warn',
  hate: 'warn',
});

export function rulesFor(config: PolicyConfig, project?: string): EffectiveRules {
  // A Map: a project named "constructor" must not pick up Object's members, nor "__proto__" get lost.
  const override = project === undefined ? undefined : config.projects.get(project);
  return {
    categories: { ...DEFAULT_CATEGORY_ACTIONS, ...config.categories, ...override?.categories },
    blockWords: [...(config.blockWords ?? []), ...(override?.blockWords ?? [])],
    warnWords: [...(config.warnWords ?? []), ...(override?.warnWords ?? [])],
  };
}

export function loadPolicyConfig(file: string): PolicyConfig {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return PolicyConfigSchema.parse({});
    throw new Error(`cannot read policy file ${file}: ${(err as Error).message}`, { cause: err });
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    throw new Error(`policy file ${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  const parsed = PolicyConfigSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`policy file ${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}
