// Plain flow Euler: x_{i+1} = x_i + (σ_{i+1} − σ_i)·v_i, in place.
import type { FlowSchedule } from './flow-schedule';
import type { FlowSolver } from './flow-solver';

export class FlowEuler implements FlowSolver {
  private index = 0;
  constructor(private readonly schedule: FlowSchedule) {}

  step(v: Float32Array, x: Float32Array): Float32Array {
    const { sigmas } = this.schedule;
    if (this.index >= sigmas.length - 1) throw new Error('flow Euler: stepped past the last sigma');
    const dt = sigmas[this.index + 1]! - sigmas[this.index]!;
    this.index++;
    for (let i = 0; i < x.length; i++) x[i] = x[i]! + dt * v[i]!;
    return x;
  }
}
