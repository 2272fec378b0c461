// The variant matrix as the panel edits it (text fields), turned into the shared matrix and counted.
import { codedText } from '../i18n/coded-text';
import { t } from '../i18n/i18n';
import {
  countVariants,
  expandVariants,
  MAX_SEED,
  VariantError,
  type ShotDescription,
  type VariantMatrixInput,
} from '../../shared/shots';

export interface VariantRow {
  /** A field (`camera`, `景别`, `subject.wardrobe`) or a `{placeholder}` written into the shot's text. */
  name: string;
  /** Comma-separated values, ASCII or full-width commas: `black, blue, red`. */
  values: string;
}

export interface VariantSettings {
  rows: VariantRow[];
  /** `1, 2, 3` or `10-14`; empty means one seed (the Seed setting, or random). */
  seeds: string;
  /** No request may expand to more takes than this, across all selected shots. */
  maxTakes: number;
}

export const DEFAULT_VARIANT_SETTINGS: VariantSettings = { rows: [], seeds: '', maxTakes: 100 };

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export function splitValues(text: string): string[] {
  return text
    .split(/[,，、]/)
    .map((value) => value.trim())
    .filter(Boolean);
}

/** Rows with a name and at least one value; half-typed rows are ignored until complete. */
export function activeRows(rows: readonly VariantRow[]): { name: string; values: string[] }[] {
  return rows
    .map((row) => ({ name: row.name.trim(), values: splitValues(row.values) }))
    .filter((row) => row.name !== '' && row.values.length > 0);
}

export function parseSeeds(text: string): Parsed<number[]> {
  const seeds: number[] = [];
  for (const part of text.split(/[,，\s]+/).filter(Boolean)) {
    const range = /^(\d+)-(\d+)$/.exec(part);
    const [from, to] = range ? [Number(range[1]), Number(range[2])] : [Number(part), Number(part)];
    if (!Number.isInteger(from) || !Number.isInteger(to) || from > to || to > MAX_SEED) {
      return {
        ok: false,
        message: t('problems.badSeeds', { part, max: MAX_SEED }),
      };
    }
    if (to - from >= 1000) return { ok: false, message: t('problems.seedRange', { part }) };
    for (let seed = from; seed <= to; seed++) seeds.push(seed);
  }
  return { ok: true, value: [...new Set(seeds)] };
}

/** Variant mode is on once a variable or seed list is given; otherwise the plain Takes setting applies. */
export function variantsActive(settings: VariantSettings): boolean {
  return activeRows(settings.rows).length > 0 || settings.seeds.trim() !== '';
}

/** The matrix for one shot; `fallbackSeed` stands in when no seeds are listed. */
export function toMatrix(settings: VariantSettings, fallbackSeed: number): Parsed<VariantMatrixInput> {
  const seeds = parseSeeds(settings.seeds);
  if (!seeds.ok) return seeds;
  if (!Number.isInteger(settings.maxTakes) || settings.maxTakes < 1) {
    return { ok: false, message: t('problems.takeCap') };
  }
  return {
    ok: true,
    value: {
      variables: activeRows(settings.rows),
      seeds: seeds.value.length > 0 ? seeds.value : [fallbackSeed],
      maxTakes: settings.maxTakes,
    },
  };
}

export interface TakeCount {
  perShot: number;
  total: number;
  /** Set when the count cannot be made or passes the cap: what to change, in words. */
  problem?: string;
}

/** Counted before anything is expanded, so the panel can show the number while the user types. */
export function countTakes(settings: VariantSettings, shotCount: number, plainTakes: number): TakeCount {
  if (!variantsActive(settings)) return { perShot: plainTakes, total: plainTakes * shotCount };
  const matrix = toMatrix(settings, 0);
  if (!matrix.ok) return { perShot: 0, total: 0, problem: matrix.message };
  let perShot: number;
  try {
    perShot = countVariants(matrix.value);
  } catch (err) {
    return {
      perShot: 0,
      total: 0,
      problem: err instanceof VariantError ? codedText('shared', err) : String(err),
    };
  }
  const total = perShot * shotCount;
  if (total > settings.maxTakes) {
    const factors = activeRows(settings.rows).map((row) =>
      t('problems.factor', { count: row.values.length, name: row.name }),
    );
    const seeds = t('problems.seeds', { count: matrix.value.seeds?.length ?? 1 });
    const formula = [...factors, seeds, t('variants.shots', { count: shotCount })].join(' × ');
    return {
      perShot,
      total,
      problem: t('problems.overCap', { formula, total, cap: settings.maxTakes }),
    };
  }
  return { perShot, total };
}

/** Labels of the first takes one shot would get; empty while the matrix is incomplete or too big. */
export function previewLabels(settings: VariantSettings, description: ShotDescription, limit = 6): string[] {
  if (!variantsActive(settings)) return [];
  const matrix = toMatrix(settings, 0);
  if (!matrix.ok) return [];
  try {
    return expandVariants(description, matrix.value)
      .slice(0, limit)
      .map((take) => (settings.seeds.trim() === '' ? take.label.replace(/ · seed 0$/, '') : take.label));
  } catch {
    return [];
  }
}

/**
 * The first shot whose text the matrix does not fit (a variable that is neither a field nor a placeholder
 * in it), as a sentence; checked once the count is within the cap, so the expansion stays small.
 */
export function variantProblem(
  settings: VariantSettings,
  shots: readonly { shotId: string; description: ShotDescription }[],
): string | undefined {
  if (!variantsActive(settings)) return undefined;
  const matrix = toMatrix(settings, 0);
  if (!matrix.ok) return matrix.message;
  for (const shot of shots) {
    try {
      expandVariants(shot.description, { ...matrix.value, maxTakes: Number.MAX_SAFE_INTEGER });
    } catch (err) {
      return t('problems.shotVariant', {
        shotId: shot.shotId,
        detail: err instanceof VariantError ? codedText('shared', err) : String(err),
      });
    }
  }
  return undefined;
}
