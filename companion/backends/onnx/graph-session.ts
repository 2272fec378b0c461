// One checked ONNX session: opened with the EP setting, verified against its contract, timed per run.
import type { TensorSpec } from '../../../shared/model-bundle';
import { checkContract, type GraphContract } from './graph-contract';
import { openSession, type OpenNeeds } from './open-session';
import { loadOrt, type OrtModule, type OrtSession, type OrtTensor } from './ort-runtime';
import { FloatBuffer, floatTensor, type FloatType } from './tensors';

/** Counts and times every session.run, so tests count expert calls and the bench measures overhead. */
export interface RunStats {
  calls: Map<string, number>;
  runMs: number;
}

export function newRunStats(): RunStats {
  return { calls: new Map(), runMs: 0 };
}

export class GraphSession {
  private released = false;

  private constructor(
    readonly label: string,
    readonly file: string,
    readonly providers: readonly string[],
    private readonly session: OrtSession,
    private readonly floatTypes: Map<string, FloatType>,
    private readonly stats: RunStats,
    readonly ort: OrtModule,
  ) {}

  static async open(
    path: string,
    file: string,
    label: string,
    contract: GraphContract,
    provider: string,
    stats: RunStats,
    needs: OpenNeeds = {},
  ): Promise<GraphSession> {
    const opened = await openSession(path, provider, `${label} ${file}`, needs);
    try {
      const types = checkContract(opened.session, file, contract);
      return new GraphSession(label, file, opened.providers, opened.session, types, stats, loadOrt());
    } catch (err) {
      await opened.session.release();
      throw err;
    }
  }

  /** A float input in the type this graph declares for it. */
  float(spec: TensorSpec, data: Float32Array, dims: readonly number[]): OrtTensor {
    return floatTensor(this.ort, this.floatTypes.get(spec.name) ?? 'float32', data, dims);
  }

  /** A reusable input or pre-allocated output buffer in the type this graph declares for the tensor. */
  buffer(spec: TensorSpec, data: Float32Array, dims: readonly number[]): FloatBuffer {
    return new FloatBuffer(this.ort, this.floatTypes.get(spec.name) ?? 'float32', data, dims);
  }

  /**
   * With `outputs`, the graph writes into those tensors (no allocation, no copy) and only they are fetched;
   * an output given as null is fetched into a tensor onnxruntime allocates.
   */
  async run(
    feeds: Record<string, OrtTensor>,
    outputs?: Record<string, OrtTensor | null>,
  ): Promise<Record<string, OrtTensor>> {
    if (this.released) throw new Error(`${this.label} ${this.file}: session already released`);
    const start = performance.now();
    const out = await (outputs ? this.session.run(feeds, outputs) : this.session.run(feeds));
    this.stats.runMs += performance.now() - start;
    this.stats.calls.set(this.label, (this.stats.calls.get(this.label) ?? 0) + 1);
    return out;
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    await this.session.release();
  }
}
