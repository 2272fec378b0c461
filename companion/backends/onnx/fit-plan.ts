// The memory-aware defaults: which of the model's documented sizes a take generates at, and which graphs stay
// resident, from the shot's aspect ratio, the quality asked for and the memory the card has.
import type { ModelManifest } from '../../../shared/model-bundle';
import type { FrameSize } from '../../../shared/protocol';
import {
  estimateMemory,
  gb,
  residencies,
  type GraphWeights,
  type Residency,
  type ResidencyEstimate,
} from './memory-estimate';
import { nativeSize } from './native-plan';
import type { Quality } from './quality';

export type ResidencySetting = Residency | 'auto';

/** What the take may use: bytes, and a name for the sentences ("NVIDIA GeForce RTX 4090"). */
export interface MemoryBudget {
  bytes: number;
  name: string;
}

export interface FitInput {
  manifest: ModelManifest;
  weights: GraphWeights;
  want: FrameSize;
  /** Native frames (stride·n + 1) the take generates. */
  frames: number;
  quality: Quality;
  residency: ResidencySetting;
  /** Unknown memory (no GPU query answered, or the CPU provider): the size follows the shot alone. */
  budget?: MemoryBudget;
}

export interface FitPlan {
  size: FrameSize;
  residency: Residency;
  estimate: ResidencyEstimate;
  /** Sentences saying what was changed from the preferred size or residency, and why. */
  notes: string[];
}

const orientation = (s: FrameSize) => Math.sign(Math.round(Math.log(s.width / s.height) * 100));
const label = (s: FrameSize) => `${s.width}x${s.height}`;

/**
 * The sizes a take may use, best first: the documented sizes of the shot's orientation; `final` starts at the
 * one nearest the shot's aspect ratio (then area) and continues with smaller ones, `draft` starts at the smallest.
 */
export function candidateSizes(m: ModelManifest, want: FrameSize, quality: Quality): FrameSize[] {
  const first = nativeSize(m, want);
  const area = (s: FrameSize) => s.width * s.height;
  const same = m.sampling.sizes.filter((s) => orientation(s) === orientation(first));
  if (quality === 'draft') return [...same].sort((a, b) => area(a) - area(b));
  const smaller = same.filter((s) => area(s) < area(first)).sort((a, b) => area(b) - area(a));
  return [first, ...smaller];
}

/** The preferred size and residency that fit the budget, else the next smaller size; notes say what changed. */
export function fitPlan(input: FitInput): FitPlan {
  const { manifest: m, budget } = input;
  const sizes = candidateSizes(m, input.want, input.quality);
  const modes = input.residency === 'auto' ? residencies : [input.residency];
  const estimates = sizes.map((size) => ({
    size,
    byMode: estimateMemory(m, input.weights, { ...size, frames: input.frames }),
  }));
  const preferred = estimates[0]!;
  if (!budget) {
    const residency = modes[0]!;
    return { size: preferred.size, residency, estimate: preferred.byMode[residency], notes: [] };
  }
  const free = `${gb(budget.bytes)} on ${budget.name}`;
  for (const { size, byMode } of estimates) {
    const residency = modes.find((r) => byMode[r].peak.totalBytes <= budget.bytes);
    if (!residency) continue;
    const notes: string[] = [];
    if (size !== preferred.size) {
      const need = preferred.byMode[modes[modes.length - 1]!].peak.totalBytes;
      notes.push(
        `${label(preferred.size)} would need about ${gb(need)}, more than the ${free}: generating at ${label(size)} instead.`,
      );
    }
    if (residency === 'one' && input.residency === 'auto')
      notes.push(
        `All graphs together need about ${gb(byMode.all.peak.totalBytes)}, more than the ${free}: one large graph resident at a time (--residency one).`,
      );
    return { size, residency, estimate: byMode[residency], notes };
  }
  const last = estimates[estimates.length - 1]!;
  const residency = modes[modes.length - 1]!;
  const need = last.byMode[residency].peak.totalBytes;
  return {
    size: last.size,
    residency,
    estimate: last.byMode[residency],
    notes: [
      `Even ${label(last.size)} with --residency ${residency} needs about ${gb(need)}, more than the ${free}: the take may run out of memory.`,
    ],
  };
}
