// The one table naming the solvers a manifest may choose.
import { FlowEuler } from './flow-euler';
import type { FlowSchedule } from './flow-schedule';
import type { FlowSolver } from './flow-solver';
import { FlowUniPC } from './flow-unipc';

export type { FlowSolver };

export const flowSolvers = Object.freeze({
  unipc: (schedule: FlowSchedule): FlowSolver => new FlowUniPC(schedule),
  euler: (schedule: FlowSchedule): FlowSolver => new FlowEuler(schedule),
});
export type FlowSolverName = keyof typeof flowSolvers;
