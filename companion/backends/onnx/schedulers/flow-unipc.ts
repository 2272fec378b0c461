// Wan's FlowUniPCMultistepScheduler: UniPC order 2, bh2, x0-prediction, lower order at the first and last step.
import type { FlowSchedule } from './flow-schedule';
import type { FlowSolver } from './flow-scheduler';

const ORDER = 2;

/** λ = log(α) − log(σ) with α = 1 − σ (flow matching); +∞ at σ = 0. */
const lambda = (sigma: number) => Math.log(1 - sigma) - Math.log(sigma);

export class FlowUniPC implements FlowSolver {
  private index = 0;
  /** Converted (x0) model outputs of the last two steps, newest last. */
  private outputs: Float32Array[] = [];
  private lastSample: Float32Array | undefined;
  private lastOrder = 0;
  private lowerOrderNums = 0;

  constructor(private readonly schedule: FlowSchedule) {}

  step(v: Float32Array, sample: Float32Array): Float32Array {
    const { sigmas } = this.schedule;
    const steps = sigmas.length - 1;
    const i = this.index;
    if (i >= steps) throw new Error('flow UniPC: stepped past the last sigma');
    const sigma = sigmas[i]!;
    const x0 = new Float32Array(sample.length);
    for (let k = 0; k < x0.length; k++) x0[k] = sample[k]! - sigma * v[k]!;

    let x = sample;
    if (i > 0 && this.lastSample) x = this.correct(x0, this.lastSample, sample, this.lastOrder);
    this.outputs = [...this.outputs, x0].slice(-ORDER);
    // Order 1 on the first step (no history) and the last (lower_order_final); 2 in between.
    const order = Math.min(ORDER, steps - i, this.lowerOrderNums + 1);
    this.lastOrder = order;
    this.lastSample = x;
    const next = this.predict(x, order);
    if (this.lowerOrderNums < ORDER) this.lowerOrderNums++;
    this.index++;
    return next;
  }

  /** UniP-bh2 predictor from σ_i to σ_{i+1}. */
  private predict(x: Float32Array, order: number): Float32Array {
    const { sigmas } = this.schedule;
    const i = this.index;
    const m0 = this.outputs[this.outputs.length - 1]!;
    const sigmaT = sigmas[i + 1]!;
    const sigmaS0 = sigmas[i]!;
    const alphaT = 1 - sigmaT;
    const h = lambda(sigmaT) - lambda(sigmaS0);
    const hh = -h;
    const hPhi1 = Math.expm1(hh);
    const bH = Math.expm1(hh);
    const ratio = sigmaT / sigmaS0;
    const out = new Float32Array(x.length);
    if (order === 1) {
      for (let k = 0; k < x.length; k++) out[k] = ratio * x[k]! - alphaT * hPhi1 * m0[k]!;
      return out;
    }
    const m1 = this.outputs[this.outputs.length - 2]!;
    const rk = (lambda(sigmas[i - 1]!) - lambda(sigmaS0)) / h;
    // Wan's simplified order-2 predictor: ρ = 0.5.
    const c = alphaT * bH * 0.5;
    for (let k = 0; k < x.length; k++) {
      const d1 = (m1[k]! - m0[k]!) / rk;
      out[k] = ratio * x[k]! - alphaT * hPhi1 * m0[k]! - c * d1;
    }
    return out;
  }

  /** UniC-bh2 corrector: refines this step's sample with the new model output. */
  private correct(
    modelT: Float32Array,
    last: Float32Array,
    current: Float32Array,
    order: number,
  ): Float32Array {
    const { sigmas } = this.schedule;
    const i = this.index;
    const m0 = this.outputs[this.outputs.length - 1]!;
    const sigmaT = sigmas[i]!;
    const sigmaS0 = sigmas[i - 1]!;
    const alphaT = 1 - sigmaT;
    const h = lambda(sigmaT) - lambda(sigmaS0);
    const hh = -h;
    const hPhi1 = Math.expm1(hh);
    const bH = Math.expm1(hh);
    const ratio = sigmaT / sigmaS0;
    let rhoD = 0;
    let rhoT = 0.5;
    let rk = 1;
    if (order === 2) {
      rk = (lambda(sigmas[i - 2]!) - lambda(sigmaS0)) / h;
      // Solve R·ρ = b with R = [[1, 1], [rk, 1]], b_k = h_phi_k·k!/B_h (Wan's recurrence).
      const hPhi2 = hPhi1 / hh - 1;
      const hPhi3 = hPhi2 / hh - 1 / 2;
      const b1 = hPhi2 / bH;
      const b2 = (hPhi3 * 2) / bH;
      rhoD = (b1 - b2) / (1 - rk);
      rhoT = b1 - rhoD;
    }
    const m1 = order === 2 ? this.outputs[this.outputs.length - 2]! : undefined;
    const out = new Float32Array(current.length);
    for (let k = 0; k < out.length; k++) {
      const corr = m1 ? (rhoD * (m1[k]! - m0[k]!)) / rk : 0;
      const d1t = modelT[k]! - m0[k]!;
      out[k] = ratio * last[k]! - alphaT * hPhi1 * m0[k]! - alphaT * bH * (corr + rhoT * d1t);
    }
    return out;
  }
}
