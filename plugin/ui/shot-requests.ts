// Turns selected script lines and the generate settings into checked shot requests for the companion.
import {
  ShotRequestSchema,
  type FrameRate,
  type FrameSize,
  type ShotRequestInput,
} from '../../shared/protocol';
import type { ScriptLine } from './script-lines';

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

export type BuiltShots = { ok: true; shots: ShotRequestInput[] } | { ok: false; message: string };

export function buildShotRequests(
  lines: ScriptLine[],
  settings: GenerateSettings,
  format: SequenceFormat,
): BuiltShots {
  if (lines.length === 0) return { ok: false, message: 'Select at least one script line to generate.' };
  if (!settings.backend)
    return { ok: false, message: 'Pick a backend: the companion listed none that is ready.' };
  const seedText = settings.seed.trim();
  const seed = seedText === '' ? undefined : Number(seedText);
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0 || seed > 2147483647)) {
    return { ok: false, message: `Seed must be a whole number from 0 to 2147483647, or empty for random.` };
  }
  const shots: ShotRequestInput[] = [];
  for (const line of lines) {
    const shot: ShotRequestInput = {
      shotId: line.shotId,
      prompt: line.text.slice(0, 4000),
      sourceText: line.text.slice(0, 4000),
      sourceLine: line.lineNumber,
      duration: { seconds: settings.durationSeconds },
      fps: format.frameRate,
      size: format.frameSize,
      backend: settings.backend,
      takes: settings.takes,
      ...(seed === undefined ? {} : { seed }),
    };
    const checked = ShotRequestSchema.safeParse(shot);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const where = issue?.path.join('.') || 'shot';
      return { ok: false, message: `Line ${line.lineNumber} cannot be sent (${where}: ${issue?.message}).` };
    }
    shots.push(shot);
  }
  return { ok: true, shots };
}
