// Variant matrix: one shot × variables × seeds → labelled takes, counted (and capped) before expanding.
import { z } from 'zod';
import { CodedError } from '../errors/coded-error';
import {
  SHOT_FIELD_PATHS,
  getShotField,
  mapShotFields,
  withShotField,
  type ShotDescription,
  type ShotFieldPath,
} from './description';
import { SHOT_FIELD_LABELS, SHOT_FIELD_LABEL_KEYS } from './field-labels';

export const MAX_SEED = 2147483647;
export const DEFAULT_MAX_TAKES = 100;

export const VariantVariableSchema = z.object({
  /** A `{placeholder}` used in the shot's text, or a field to override (`camera.shotSize`, `shotSize`, `景别`). */
  name: z.string().trim().min(1),
  values: z.array(z.string()).min(1),
});

export const VariantMatrixSchema = z.object({
  variables: z.array(VariantVariableSchema).default([]),
  seeds: z.array(z.number().int().min(0).max(MAX_SEED)).min(1).default([0]),
  /** Expanding more takes than this throws `TOO_MANY_VARIANTS`. */
  maxTakes: z.number().int().positive().default(DEFAULT_MAX_TAKES),
});

export type VariantVariable = z.infer<typeof VariantVariableSchema>;
export type VariantMatrix = z.infer<typeof VariantMatrixSchema>;
/** Variables may also be given as `{ 'coat colour': ['black', 'blue'] }`; key order is kept. */
export type VariantMatrixInput = Omit<z.input<typeof VariantMatrixSchema>, 'variables'> & {
  variables?: VariantVariable[] | Record<string, string[]>;
};

export interface VariantTake {
  /** e.g. `coat colour: blue · camera: wide · seed 7`. */
  readonly label: string;
  readonly values: Readonly<Record<string, string>>;
  readonly seed: number;
  readonly description: ShotDescription;
}

export const VariantErrorCodeSchema = z.enum([
  'TOO_MANY_VARIANTS',
  'UNKNOWN_VARIANT_VARIABLE',
  /** The matrix itself does not parse (an empty value list, a seed out of range). */
  'INVALID_VARIANT_MATRIX',
  'DUPLICATE_VARIANT_VARIABLE',
]);
export type VariantErrorCode = z.infer<typeof VariantErrorCodeSchema>;

export class VariantError extends CodedError<VariantErrorCode> {}

export function normalizeVariantMatrix(input: VariantMatrixInput): VariantMatrix {
  const variables = Array.isArray(input.variables)
    ? input.variables
    : Object.entries(input.variables ?? {}).map(([name, values]) => ({ name, values }));
  const parsed = VariantMatrixSchema.safeParse({ ...input, variables });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.join('.') || '(root)';
    throw new VariantError('INVALID_VARIANT_MATRIX', `variant matrix ${where}: ${issue.message}`, {
      where,
      detail: issue.message,
    });
  }
  const names = parsed.data.variables.map((variable) => variable.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined)
    throw new VariantError('DUPLICATE_VARIANT_VARIABLE', `variable "${duplicate}" is given twice`, {
      name: duplicate,
    });
  return parsed.data;
}

/** Number of takes the matrix would produce; cheap, so the panel can show it before anything is expanded. */
export function countVariants(input: VariantMatrixInput): number {
  const matrix = normalizeVariantMatrix(input);
  return matrix.variables.reduce((count, variable) => count * variable.values.length, matrix.seeds.length);
}

const FIELD_ALIASES: Readonly<Record<string, ShotFieldPath>> = Object.freeze(buildFieldAliases());

function buildFieldAliases(): Record<string, ShotFieldPath> {
  const aliases: Record<string, ShotFieldPath> = {};
  for (const path of SHOT_FIELD_PATHS) {
    const label = SHOT_FIELD_LABELS[SHOT_FIELD_LABEL_KEYS[path]];
    for (const alias of [path, path.split('.').at(-1)!, label.en, label.zh])
      aliases[alias.toLowerCase()] = path;
  }
  // The group names stand for their most varied member: "camera: wide/close" means shot size.
  aliases['subject'] = 'subject.who';
  aliases['camera'] = 'camera.shotSize';
  aliases['镜头'] = 'camera.shotSize';
  return aliases;
}

type Substitution = { kind: 'placeholder'; token: string } | { kind: 'field'; path: ShotFieldPath };

/** A `{name}` in the shot's text wins; otherwise the name must be a field, or the matrix is rejected. */
function resolveVariable(description: ShotDescription, name: string): Substitution {
  const token = `{${name}}`;
  if (SHOT_FIELD_PATHS.some((path) => getShotField(description, path).includes(token)))
    return { kind: 'placeholder', token };
  const path = FIELD_ALIASES[name.toLowerCase()];
  if (path) return { kind: 'field', path };
  throw new VariantError(
    'UNKNOWN_VARIANT_VARIABLE',
    `variable "${name}" is neither a {${name}} placeholder in the shot's text nor a field (fields: ${SHOT_FIELD_PATHS.join(', ')})`,
    { name, placeholder: token, fields: SHOT_FIELD_PATHS.join(', ') },
  );
}

export function expandVariants(description: ShotDescription, input: VariantMatrixInput): VariantTake[] {
  const matrix = normalizeVariantMatrix(input);
  const substitutions = matrix.variables.map((variable) => resolveVariable(description, variable.name));
  const total = countVariants(matrix);
  if (total > matrix.maxTakes) {
    const values = matrix.variables.map((v) => `${v.values.length} ${v.name}`);
    const factors = [...values, `${matrix.seeds.length} seeds`];
    throw new VariantError(
      'TOO_MANY_VARIANTS',
      `${factors.join(' × ')} = ${total} takes, more than maxTakes (${matrix.maxTakes}); remove values or raise maxTakes`,
      { values: values.join(' × '), seeds: matrix.seeds.length, total, max: matrix.maxTakes },
    );
  }
  const takes: VariantTake[] = [];
  const walk = (depth: number, values: Record<string, string>, current: ShotDescription): void => {
    if (depth === matrix.variables.length) {
      for (const seed of matrix.seeds) {
        const parts = [...Object.entries(values).map(([name, value]) => `${name}: ${value}`), `seed ${seed}`];
        takes.push({ label: parts.join(' · '), values: { ...values }, seed, description: current });
      }
      return;
    }
    const variable = matrix.variables[depth]!;
    const substitution = substitutions[depth]!;
    for (const value of variable.values) {
      const next =
        substitution.kind === 'field'
          ? withShotField(current, substitution.path, value)
          : mapShotFields(current, (text) => text.split(substitution.token).join(value));
      walk(depth + 1, { ...values, [variable.name]: value }, next);
    }
  };
  walk(0, {}, description);
  return takes;
}
