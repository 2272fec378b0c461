// One continuity take as a shot request: the selected script line (or a plain prompt), at the sequence's format.
import { ShotRequestSchema, type Conditioning, type ShotRequestInput } from '../../shared/protocol';
import { durationToFrames } from '../../shared/timecode';
import type { SequenceInfo } from '../host/host-adapter';
import { t } from '../i18n/i18n';
import {
  buildShotRequests,
  type BuildOptions,
  type GenerateSettings,
  type PreparedShot,
} from './shot-requests';
import { DEFAULT_VARIANT_SETTINGS } from './variant-form';

export interface ContinuityShotDeps {
  settings: GenerateSettings;
  prepared: readonly PreparedShot[];
  layout: BuildOptions['layout'];
}

export interface ShotFields {
  shotId: string;
  /** Said to the model when no script line is selected. */
  fallbackPrompt: string;
  frames?: number;
  /** None for a chain's first shot, which starts from its text alone. */
  conditioning?: Conditioning;
}

/** One take of the selected script line (or a plain prompt without one), at the sequence's format. */
export function continuityShot(deps: ContinuityShotDeps, info: SequenceInfo, fields: ShotFields) {
  const format = { frameRate: info.frameRate, frameSize: info.frameSize };
  const settings = { ...deps.settings, takes: 1 };
  const [line] = deps.prepared;
  const built = line
    ? buildShotRequests([line], { settings, format, layout: deps.layout, variants: DEFAULT_VARIANT_SETTINGS })
    : undefined;
  if (built && !built.ok) return built;
  const base = built?.shots[0] ?? {
    prompt: fields.fallbackPrompt,
    fps: info.frameRate,
    size: info.frameSize,
    backend: deps.settings.backend,
    duration: { seconds: deps.settings.durationSeconds },
  };
  const request: ShotRequestInput = {
    ...base,
    shotId: fields.shotId.slice(0, 64),
    takes: 1,
    ...(fields.frames !== undefined && { duration: { frames: fields.frames } }),
    ...(fields.conditioning && { conditioning: fields.conditioning }),
  };
  const checked = ShotRequestSchema.safeParse(request);
  if (!checked.success)
    return {
      ok: false as const,
      message: t('continuity.notSent', { detail: checked.error.issues[0]?.message ?? '' }),
    };
  return { ok: true as const, request, frames: durationToFrames(checked.data.duration, info.frameRate) };
}
