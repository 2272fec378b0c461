// The structured shot description a user edits in the panel, and helpers to reach its text fields by path.
import { z } from 'zod';

const text = () => z.string().default('');

export const ShotDescriptionSchema = z.object({
  subject: z.object({ who: text(), wardrobe: text() }).prefault({}),
  action: text(),
  environment: text(),
  timeOfDay: text(),
  weather: text(),
  camera: z.object({ shotSize: text(), angle: text(), movement: text(), lens: text() }).prefault({}),
  lighting: text(),
  style: text(),
  /** Empty means "use the default" (Wan's own negative prompt unless the caller overrides it). */
  negativePrompt: text(),
});

export type ShotDescription = z.infer<typeof ShotDescriptionSchema>;

export const SHOT_FIELD_PATHS = [
  'subject.who',
  'subject.wardrobe',
  'action',
  'environment',
  'timeOfDay',
  'weather',
  'camera.shotSize',
  'camera.angle',
  'camera.movement',
  'camera.lens',
  'lighting',
  'style',
  'negativePrompt',
] as const;

export type ShotFieldPath = (typeof SHOT_FIELD_PATHS)[number];

export function emptyShotDescription(): ShotDescription {
  return ShotDescriptionSchema.parse({});
}

type TopLevelTextField = Exclude<keyof ShotDescription, 'subject' | 'camera'>;

export function getShotField(description: ShotDescription, path: ShotFieldPath): string {
  const [head, leaf] = path.split('.') as [string, string | undefined];
  if (leaf === undefined) return description[head as TopLevelTextField];
  return (description[head as 'subject' | 'camera'] as Record<string, string>)[leaf] ?? '';
}

/** Returns a new description; the input is left untouched so takes never share mutable state. */
export function withShotField(
  description: ShotDescription,
  path: ShotFieldPath,
  value: string,
): ShotDescription {
  const [head, leaf] = path.split('.') as [string, string | undefined];
  if (leaf === undefined) return { ...description, [head]: value };
  const group = head as 'subject' | 'camera';
  return { ...description, [group]: { ...description[group], [leaf]: value } };
}

export function mapShotFields(
  description: ShotDescription,
  transform: (value: string, path: ShotFieldPath) => string,
): ShotDescription {
  let result = description;
  for (const path of SHOT_FIELD_PATHS)
    result = withShotField(result, path, transform(getShotField(description, path), path));
  return result;
}
