// What every flow solver does; its own module so the solvers and the table naming them do not import each other.

/** Advances x (in place, and returns it) from σ_i to σ_{i+1} given the flow prediction v at step i; call once per step, in order. */
export interface FlowSolver {
  step(v: Float32Array, x: Float32Array): Float32Array;
}
