// The solver interface and the one table naming the solvers a manifest may choose.
import { FlowEuler } from './flow-euler';
import type { FlowSchedule } from './flow-schedule';
import { FlowUniPC } from './flow-unipc';

/** Advances x (in place, and returns it) from σ_i to σ_{i+1} given the flow prediction v at step i; call once per step, in order. */
export interface FlowSolver {
  step(v: Float32Array, x: Float32Array): Float32Array;
}

export const flowSolvers = Object.freeze({
  unipc: (schedule: FlowSchedule): FlowSolver => new FlowUniPC(schedule),
  euler: (schedule: FlowSchedule): FlowSolver => new FlowEuler(schedule),
});
export type FlowSolverName = keyof typeof flowSolvers;
