// Wan's FlowUniPCMultistepScheduler: UniPC order 2, bh2, x0-prediction, lower order at the first and last step.
import type { FlowSchedule } from './flow-schedule';
import type { FlowSolver } from './flow-solver';
import { UniPCKernel, type StepScalars } from './unipc-kernel';

const ORDER = 2;

/** λ = log(α) − log(σ) with α = 1 − σ (flow matching); +∞ at σ = 0. */
const lambda = (sigma: number) => Math.log(1 - sigma) - Math.log(sigma);

/** Per-step scalars of the UniC corrector (from σ_{i−1} to σ_i). */
interface Corrector {
  ratio: number;
  /** α_t·h_φ1 and α_t·B_h, grouped as the reference's left-to-right products are. */
  aPhi: number;
  aB: number;
  rhoT: number;
  /** Order 2 only: ρ_D and r_k. */
  second?: { rhoD: number; rk: number };
}

/** Per-step scalars of the UniP predictor (from σ_i to σ_{i+1}). */
interface Predictor {
  ratio: number;
  aPhi: number;
  /** Order 2 only: α_t·B_h·ρ (ρ = 0.5) and r_k. */
  second?: { c: number; rk: number };
}

/**
 * Steps x in place: the x0 conversion, the corrector and the predictor are fused into one pass over the
 * latents, with the same per-element arithmetic as the reference (so results match it bit for bit, up to the
 * sign of an exact zero).
 */
export class FlowUniPC implements FlowSolver {
  private index = 0;
  /** Converted (x0) model outputs of the last two steps; `m0` is the newest. */
  private m0: Float32Array | undefined;
  private m1: Float32Array | undefined;
  /** The corrected sample of the last step. */
  private last: Float32Array | undefined;
  /** Where WebAssembly SIMD runs: the pass in the kernel, the three arrays above in its memory. */
  private kernel: UniPCKernel | undefined;
  private lastOrder = 0;
  private lowerOrderNums = 0;

  constructor(private readonly schedule: FlowSchedule) {}

  step(v: Float32Array, x: Float32Array): Float32Array {
    const { sigmas } = this.schedule;
    const steps = sigmas.length - 1;
    const i = this.index;
    if (i >= steps) throw new Error('flow UniPC: stepped past the last sigma');
    const n = x.length;
    if (!this.m0 || this.m0.length !== n) {
      this.kernel = UniPCKernel.take(n);
      [this.m0, this.m1, this.last] = this.kernel?.history ?? [
        new Float32Array(n),
        new Float32Array(n),
        new Float32Array(n),
      ];
    }
    const corrector = i > 0 ? this.corrector(this.lastOrder) : undefined;
    // Order 1 on the first step (no history) and the last (lower_order_final); 2 in between.
    const order = Math.min(ORDER, steps - i, this.lowerOrderNums + 1);
    const predictor = this.predictor(order);
    const sigma = sigmas[i]!;
    const m0 = this.m0;
    const m1 = this.m1!;
    const last = this.last!;
    const kernel = this.kernel;
    if (kernel) {
      kernel.x.set(x);
      kernel.v.set(v);
      if (corrector) kernel.step(m0, m1, last, stepScalars(sigma, corrector, predictor));
      else kernel.first(m1, last, sigma, predictor.ratio, predictor.aPhi);
      x.set(kernel.x);
    } else if (corrector) correctAndPredict({ x, v, m0, m1, last }, stepScalars(sigma, corrector, predictor));
    else predictFirst({ x, v, m0, m1, last }, sigma, predictor);
    this.m0 = m1;
    this.m1 = m0;
    this.lastOrder = order;
    if (this.lowerOrderNums < ORDER) this.lowerOrderNums++;
    this.index++;
    // Nothing reads the history after the last step: the next take's solver may have the kernel.
    if (this.index === steps) this.kernel?.give();
    return x;
  }

  /** UniP-bh2 predictor from σ_i to σ_{i+1}. */
  private predictor(order: number): Predictor {
    const { sigmas } = this.schedule;
    const i = this.index;
    const sigmaT = sigmas[i + 1]!;
    const sigmaS0 = sigmas[i]!;
    const alphaT = 1 - sigmaT;
    const h = lambda(sigmaT) - lambda(sigmaS0);
    const hh = -h;
    const hPhi1 = Math.expm1(hh);
    const bH = Math.expm1(hh);
    const ratio = sigmaT / sigmaS0;
    if (order === 1) return { ratio, aPhi: alphaT * hPhi1 };
    const rk = (lambda(sigmas[i - 1]!) - lambda(sigmaS0)) / h;
    // Wan's simplified order-2 predictor: ρ = 0.5.
    return { ratio, aPhi: alphaT * hPhi1, second: { c: alphaT * bH * 0.5, rk } };
  }

  /** UniC-bh2 corrector: refines this step's sample with the new model output. */
  private corrector(order: number): Corrector {
    const { sigmas } = this.schedule;
    const i = this.index;
    const sigmaT = sigmas[i]!;
    const sigmaS0 = sigmas[i - 1]!;
    const alphaT = 1 - sigmaT;
    const h = lambda(sigmaT) - lambda(sigmaS0);
    const hh = -h;
    const hPhi1 = Math.expm1(hh);
    const bH = Math.expm1(hh);
    const ratio = sigmaT / sigmaS0;
    const scalars = { ratio, aPhi: alphaT * hPhi1, aB: alphaT * bH };
    if (order !== 2) return { ...scalars, rhoT: 0.5 };
    const rk = (lambda(sigmas[i - 2]!) - lambda(sigmaS0)) / h;
    // Solve R·ρ = b with R = [[1, 1], [rk, 1]], b_k = h_phi_k·k!/B_h (Wan's recurrence).
    const hPhi2 = hPhi1 / hh - 1;
    const hPhi3 = hPhi2 / hh - 1 / 2;
    const b1 = hPhi2 / bH;
    const b2 = (hPhi3 * 2) / bH;
    const rhoD = (b1 - b2) / (1 - rk);
    return { ...scalars, rhoT: b1 - rhoD, second: { rhoD, rk } };
  }
}

const fr = Math.fround;

/** The arrays one step reads and writes: m0 holds x0_{i−1}, m1 x0_{i−2}; x0_i goes into m1's slot. */
interface StepArrays {
  x: Float32Array;
  v: Float32Array;
  m0: Float32Array;
  m1: Float32Array;
  last: Float32Array;
}

/** A corrector-and-predictor step's scalars; order 1 is order 2 with the extra term's coefficient 0, divisor 1. */
function stepScalars(sigma: number, c: Corrector, p: Predictor): StepScalars {
  const { rhoD, rk: cRk } = c.second ?? { rhoD: 0, rk: 1 };
  const { c: pC, rk: pRk } = p.second ?? { c: 0, rk: 1 };
  return {
    sigma,
    cRatio: c.ratio,
    cPhi: c.aPhi,
    cB: c.aB,
    rhoT: c.rhoT,
    rhoD,
    cRk,
    pRatio: p.ratio,
    pPhi: p.aPhi,
    pC,
    pRk,
  };
}

/**
 * One fused pass over the latents (the x0 conversion, the UniC corrector, the UniP predictor) with the
 * reference's per-element arithmetic. Order 1 is order 2's formula with the extra term's coefficient 0 and
 * divisor 1: the same values up to the sign of an exact zero, from a loop without branches (a branch in it
 * made the pass 2-3x slower). Everything the loop reads besides the arrays is a local.
 */
function correctAndPredict(a: StepArrays, s: StepScalars): void {
  const { x, v, m0, m1, last } = a;
  const { sigma, cRatio, cPhi, cB, rhoT, rhoD, cRk, pRatio, pPhi, pC, pRk } = s;
  const n = x.length;
  for (let k = 0; k < n; k++) {
    const x0 = fr(x[k]! - sigma * v[k]!);
    const prev0 = m0[k]!;
    const corr = (rhoD * (m1[k]! - prev0)) / cRk;
    const xc = fr(cRatio * last[k]! - cPhi * prev0 - cB * (corr + rhoT * (x0 - prev0)));
    last[k] = xc;
    m1[k] = x0;
    x[k] = pRatio * xc - pPhi * x0 - pC * ((prev0 - x0) / pRk);
  }
}

/** The first step: no model output yet to correct, and order 1 (no history), so the sample is predicted from. */
function predictFirst(a: StepArrays, sigma: number, p: Predictor): void {
  const { x, v, m1, last } = a;
  const { ratio, aPhi } = p;
  const n = x.length;
  for (let k = 0; k < n; k++) {
    const sample = x[k]!;
    const x0 = fr(sample - sigma * v[k]!);
    last[k] = sample;
    m1[k] = x0;
    x[k] = ratio * sample - aPhi * x0;
  }
}
