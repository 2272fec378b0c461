// The onnx backend's settings, merged with defaults once and checked together; errors name the option.
import { NOISE_GENERATORS, type NoiseGenerator } from '../../../shared/model-bundle';
import { providerChains } from './providers';

export interface OnnxBackendOptions {
  /** The model bundle folder (holding shotline-model.json). Without it the backend reports itself unavailable. */
  model?: string;
  /** Execution provider: 'auto' (this platform's shipped providers in order, see providers.ts) or one by name. */
  provider?: string;
  /** Sampling steps; the manifest's default when omitted. */
  steps?: number;
  /** 'all' keeps every graph loaded between jobs; 'one' holds one large graph at a time (small GPUs). */
  residency?: 'all' | 'one';
  /** A preview (through the generation context's onPreview) every this many steps, and at the last; 0: none. */
  previewEvery?: number;
  /** Which generator draws a take's starting noise from its seed (recorded in provenance). */
  noise?: NoiseGenerator;
}

export type ResolvedOnnxOptions = Required<Omit<OnnxBackendOptions, 'model' | 'steps'>> &
  Pick<OnnxBackendOptions, 'model' | 'steps'>;

export function resolveOnnxOptions(options: OnnxBackendOptions = {}): ResolvedOnnxOptions {
  const resolved = {
    provider: 'auto',
    residency: 'all' as const,
    previewEvery: 5,
    noise: 'fast' as const,
    ...options,
  };
  providerChains(resolved.provider);
  if (
    resolved.steps !== undefined &&
    (!Number.isInteger(resolved.steps) || resolved.steps < 1 || resolved.steps > 1000)
  ) {
    throw new Error(`onnx: option "steps" must be a whole number from 1 to 1000, got ${resolved.steps}`);
  }
  if (resolved.residency !== 'all' && resolved.residency !== 'one') {
    throw new Error(`onnx: option "residency" must be "all" or "one", got "${String(resolved.residency)}"`);
  }
  if (!Number.isInteger(resolved.previewEvery) || resolved.previewEvery < 0) {
    throw new Error(
      `onnx: option "previewEvery" must be a whole number of 0 or more, got ${resolved.previewEvery}`,
    );
  }
  if (!NOISE_GENERATORS.includes(resolved.noise)) {
    throw new Error(
      `onnx: option "noise" must be one of ${NOISE_GENERATORS.join(', ')}, got "${String(resolved.noise)}"`,
    );
  }
  return resolved;
}
