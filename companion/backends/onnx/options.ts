// The onnx backend's settings, merged with defaults once and checked together; errors name the option.
import { NOISE_GENERATORS, type NoiseGenerator } from '../../../shared/model-bundle';
import type { MemoryBudget, ResidencySetting } from './fit-plan';
import { providerChains } from './providers';
import { isQuality, qualities, type Quality } from './quality';

export interface OnnxBackendOptions {
  /** The model bundle folder (holding shotline-model.json). Without it the backend reports itself unavailable. */
  model?: string;
  /** Execution provider: 'auto' (this platform's shipped providers in order, see providers.ts) or one by name. */
  provider?: string;
  /** Sampling steps; the manifest's default when omitted. */
  steps?: number;
  /**
   * 'all' keeps every graph loaded between jobs; 'one' holds one large graph at a time (small GPUs); 'auto'
   * chooses 'one' only when the estimate for 'all' does not fit the card's memory.
   */
  residency?: ResidencySetting;
  /** 'final': the documented size nearest the shot that fits the card; 'draft': the smallest documented size. */
  quality?: Quality;
  /** A preview (through the generation context's onPreview) every this many steps, and at the last; 0: none. */
  previewEvery?: number;
  /** Folder for TensorRT's engines (the data folder's tensorrt-cache); beside the bundle when omitted. */
  engineCache?: string;
  /** What a take may use (default: the largest GPU's usable memory; unknown on the CPU provider). */
  memoryBudget?: () => Promise<MemoryBudget | undefined>;
  /** Told once each about changes the defaults made (a smaller size, one-graph residency, engine builds). */
  notice?: (line: string) => void;
  /** Which generator draws a take's starting noise from its seed (recorded in provenance). */
  noise?: NoiseGenerator;
}

type Defaulted = 'provider' | 'residency' | 'quality' | 'previewEvery' | 'notice' | 'noise';
export type ResolvedOnnxOptions = Required<Pick<OnnxBackendOptions, Defaulted>> &
  Omit<OnnxBackendOptions, Defaulted>;

const stderrNotice = (line: string) => process.stderr.write(`onnx: ${line}\n`);

export function resolveOnnxOptions(options: OnnxBackendOptions = {}): ResolvedOnnxOptions {
  const resolved = {
    provider: 'auto',
    residency: 'auto' as const,
    quality: 'final' as const,
    previewEvery: 5,
    notice: stderrNotice,
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
  if (!['all', 'one', 'auto'].includes(resolved.residency)) {
    throw new Error(
      `onnx: option "residency" must be "auto", "all" or "one", got "${String(resolved.residency)}"`,
    );
  }
  if (!isQuality(resolved.quality)) {
    throw new Error(
      `onnx: option "quality" must be one of ${qualities.join(', ')}, got "${String(resolved.quality)}"`,
    );
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
