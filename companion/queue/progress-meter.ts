// Turns raw phase/step reports into a fraction and an ETA, and thins them to a steady rate.
import type { JobPhase, JobProgress } from '../../shared/protocol';

// Share of the whole job each phase stands for, so the bar moves evenly across phases.
const PHASE_SPAN: Record<JobPhase, [number, number]> = {
  queued: [0, 0],
  loading: [0, 0.02],
  generating: [0.02, 0.9],
  // Remote backends fetch the finished clip before it is conformed.
  downloading: [0.9, 0.96],
  encoding: [0.96, 0.98],
  writing: [0.98, 1],
};

export class ProgressMeter {
  private lastSentAt = 0;
  private lastPhase: JobPhase | undefined;

  constructor(
    private readonly startedAt: number,
    private readonly minIntervalMs = 100,
    private readonly now: () => number = Date.now,
  ) {}

  /** The progress to publish, or undefined when this report can be skipped. */
  next(phase: JobPhase, step: number, total: number): JobProgress | undefined {
    const t = this.now();
    const final = total > 0 && step >= total;
    if (phase === this.lastPhase && !final && t - this.lastSentAt < this.minIntervalMs) return undefined;
    this.lastPhase = phase;
    this.lastSentAt = t;
    const [from, to] = PHASE_SPAN[phase];
    const within = total > 0 ? Math.min(1, step / total) : 0;
    const fraction = Math.min(1, from + (to - from) * within);
    const elapsed = (t - this.startedAt) / 1000;
    const etaSeconds = fraction > 0.02 ? Math.max(0, (elapsed * (1 - fraction)) / fraction) : null;
    return { phase, step, total, fraction, etaSeconds };
  }
}
