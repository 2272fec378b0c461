// Turns selected shots, their edited fields, the layout and the variant matrix into checked shot requests.
import { codedText } from '../i18n/coded-text';
import { t } from '../i18n/i18n';
import {
  ShotRequestSchema,
  type ClipDuration,
  type FrameRate,
  type FrameSize,
  type ShotRequestInput,
} from '../../shared/protocol';
import { expandVariants, MAX_SEED, VariantError, type ShotDescription } from '../../shared/shots';
import { ticksToFrames } from '../../shared/timecode';
import { compileForBackend, type PromptLayout } from './prompt-preview';
import { cutToLength } from '../i18n/graphemes';
import type { LineTiming, ScriptShot } from './script-shots';
import { countTakes, toMatrix, variantsActive, type VariantSettings } from './variant-form';

export interface GenerateSettings {
  backend: string;
  durationSeconds: number;
  takes: number;
  /** Empty: the companion picks a random seed and records it. */
  seed: string;
}

export interface SequenceFormat {
  frameSize: FrameSize;
  frameRate: FrameRate;
}

/** Used when no sequence is open, so generation still works from a blank project. */
export const FALLBACK_FORMAT: SequenceFormat = {
  frameSize: { width: 1920, height: 1080 },
  frameRate: { num: 24, den: 1 },
};

export interface PreparedShot {
  shot: ScriptShot;
  description: ShotDescription;
}

export interface BuildOptions {
  settings: GenerateSettings;
  format: SequenceFormat;
  layout: Omit<PromptLayout, 'backend'>;
  variants: VariantSettings;
  /** Picks the seed when variants list none and the Seed field is empty. */
  random?: () => number;
}

export type BuiltShots = { ok: true; shots: ShotRequestInput[] } | { ok: false; message: string };

function parseSeed(text: string): number | undefined | null {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const seed = Number(trimmed);
  return Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED ? seed : null;
}

/** A marker with a length sets the clip's exact frames; otherwise the Seconds setting applies. */
function durationFor(
  timing: LineTiming | undefined,
  settings: GenerateSettings,
  rate: FrameRate,
): ClipDuration {
  if (timing?.durationTicks) {
    const frames = ticksToFrames(BigInt(timing.durationTicks), rate);
    if (frames > 0) return { frames };
  }
  return { seconds: settings.durationSeconds };
}

export function buildShotRequests(prepared: readonly PreparedShot[], options: BuildOptions): BuiltShots {
  const { settings, format, variants } = options;
  if (prepared.length === 0) return { ok: false, message: t('problems.noneSelected') };
  if (!settings.backend) return { ok: false, message: t('problems.noBackend') };
  const seed = parseSeed(settings.seed);
  if (seed === null) return { ok: false, message: t('problems.badSeed') };
  const count = countTakes(variants, prepared.length, settings.takes);
  if (count.problem) return { ok: false, message: count.problem };
  if (count.total > variants.maxTakes) {
    return {
      ok: false,
      message: t('problems.overCapShots', { total: count.total, cap: variants.maxTakes }),
    };
  }
  const layout: PromptLayout = { ...options.layout, backend: settings.backend };
  const fallbackSeed = seed ?? Math.floor((options.random ?? Math.random)() * (MAX_SEED - 1000));
  const shots: ShotRequestInput[] = [];
  for (const { shot, description } of prepared) {
    const base = {
      shotId: shot.shotId,
      ...(shot.sceneHeading && { sceneHeading: cutToLength(shot.sceneHeading, 400) }),
      sourceText: cutToLength(shot.text, 4000),
      sourceLine: shot.lineNumber,
      duration: durationFor(shot.timing, settings, format.frameRate),
      fps: format.frameRate,
      size: format.frameSize,
      backend: settings.backend,
    };
    const takes: { description: ShotDescription; extra: Partial<ShotRequestInput> }[] = [];
    if (!variantsActive(variants)) {
      takes.push({ description, extra: { takes: settings.takes, ...(seed !== undefined && { seed }) } });
    } else {
      const matrix = toMatrix(variants, fallbackSeed);
      if (!matrix.ok) return matrix;
      try {
        expandVariants(description, matrix.value).forEach((take, index) =>
          takes.push({
            description: take.description,
            extra: { takes: 1, seed: take.seed, label: cutToLength(take.label, 200), firstTake: index + 1 },
          }),
        );
      } catch (err) {
        const detail = err instanceof VariantError ? codedText('shared', err) : String(err);
        return { ok: false, message: t('problems.shotVariant', { shotId: shot.shotId, detail }) };
      }
    }
    for (const take of takes) {
      const compiled = compileForBackend(take.description, layout);
      // Limits are the backend's: refuse here with the reason rather than let the text be cut.
      if (compiled.warnings.length > 0) {
        return {
          ok: false,
          message: t('problems.shotProblem', {
            shotId: shot.shotId,
            detail: compiled.warnings.map((w) => codedText('shared', w)).join(' '),
          }),
        };
      }
      const request: ShotRequestInput = {
        ...base,
        prompt: compiled.prompt,
        negativePrompt: compiled.negativePrompt,
        ...take.extra,
      };
      const checked = ShotRequestSchema.safeParse(request);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        const where = issue?.path.join('.') || 'shot';
        return {
          ok: false,
          message: t('problems.shotInvalid', {
            shotId: shot.shotId,
            line: shot.lineNumber,
            where,
            detail: issue?.message,
          }),
        };
      }
      shots.push(request);
    }
  }
  return { ok: true, shots };
}
