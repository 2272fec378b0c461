// Classifier-free guidance over one take: feeds and outputs allocated once per expert, refilled each step.
import type { ModelManifest, TensorSpec } from '../../../shared/model-bundle';
import type { GraphSession } from './graph-session';
import { GuidanceKernel } from './guidance-kernel';
import type { ImageLatents } from './image-latents';
import type { FloatBuffer } from './tensors';

/** One expert's tensors for the whole take; contexts never change, so they are converted once. */
interface ExpertFeeds {
  /** Batch 1: the latent tensor over x itself (fp32: no copy at all). */
  latent: FloatBuffer;
  timestep: FloatBuffer;
  cond: FloatBuffer;
  uncond: FloatBuffer;
  outCond: FloatBuffer;
  outUncond: FloatBuffer;
  /** I2V's y (mask + encoded image video), constant for the take. */
  image?: FloatBuffer;
  /** Batch 2 (graphs that take it): x twice, cond+uncond, one output of both. */
  pair?: { latent: FloatBuffer; context: FloatBuffer; out: FloatBuffer; image?: FloatBuffer };
}

export class GuidedVelocity {
  private readonly feeds = new Map<GraphSession, ExpertFeeds>();
  /** Where WebAssembly SIMD runs: every expert's batch-1 outputs in its memory, mixed there. */
  private kernel: GuidanceKernel | undefined;

  constructor(
    private readonly m: ModelManifest,
    /** The latents, updated in place by the solver between calls. */
    private readonly x: Float32Array,
    private readonly shape: readonly number[],
    private readonly condEmbedding: Float32Array,
    private readonly uncondEmbedding: Float32Array,
    /** The start image's latents, when the take starts from one. */
    private readonly image?: ImageLatents,
  ) {}

  /**
   * The guided velocity v = v_uncond + g·(v_cond − v_uncond) at timestep t, in one of this expert's output
   * buffers: valid until the next call. One batch-2 call when the graph takes it.
   */
  async at(session: GraphSession, t: number, guidance: number): Promise<Float32Array> {
    const tr = this.m.transformer;
    const f = this.feedsFor(session);
    f.timestep.data.fill(t);
    // textimage2video.py: `mask2 * t` gives the image's latent frame timestep 0 (it is clean, not noised).
    if (this.image?.kind === 'first-latent') f.timestep.data[0] = 0;
    const timestep = f.timestep.input();
    const imageName = tr.image?.kind === 'channels' ? tr.image.input.name : undefined;
    const call = (latent: FloatBuffer, context: FloatBuffer, out: FloatBuffer, image?: FloatBuffer) =>
      session.run(
        {
          [tr.latent.name]: latent.input(),
          [tr.timestep.name]: timestep,
          [tr.context.name]: context.tensor,
          ...(imageName && image && { [imageName]: image.tensor }),
        },
        { [tr.output.name]: out.tensor },
      );
    if (guidance === 1) {
      await call(f.latent, f.cond, f.outCond, f.image);
      return f.outCond.output();
    }
    let vc: Float32Array;
    let vu: Float32Array;
    if (f.pair) {
      const n = this.x.length;
      f.pair.latent.data.set(this.x);
      f.pair.latent.data.set(this.x, n);
      await call(f.pair.latent, f.pair.context, f.pair.out, f.pair.image);
      const both = f.pair.out.output();
      vc = both.subarray(0, n);
      vu = both.subarray(n);
    } else {
      await call(f.latent, f.cond, f.outCond, f.image);
      await call(f.latent, f.uncond, f.outUncond, f.image);
      vc = f.outCond.output();
      vu = f.outUncond.output();
    }
    // In place over the unconditional output, which nothing reads again before the next call rewrites it.
    if (this.kernel && vu === this.kernel.vu) return this.kernel.mix(guidance);
    const n = vu.length;
    for (let k = 0; k < n; k++) vu[k] = vu[k]! + guidance * (vc[k]! - vu[k]!);
    return vu;
  }

  /** Once the take's sampling is done: the kernel goes to the next take of this size. */
  release(): void {
    this.kernel?.give();
    this.kernel = undefined;
  }

  private feedsFor(session: GraphSession): ExpertFeeds {
    let f = this.feeds.get(session);
    if (f) return f;
    const tr = this.m.transformer;
    const { x, shape, condEmbedding: cond, uncondEmbedding: uncond } = this;
    const L = this.m.tokenizer.maxLength;
    const D = cond.length / L;
    const n = x.length;
    const constant = (spec: TensorSpec, data: Float32Array, dims: number[]) => {
      const buffer = session.buffer(spec, data, dims);
      buffer.input(); // constant for the take: converted once
      return buffer;
    };
    const context = (data: Float32Array, batch: number) => constant(tr.context, data, [batch, L, D]);
    // One timestep per latent frame where the graph takes them (TI2V), else one for every token.
    const frames = tr.timestep.shape.length === 2 ? shape[1]! : 1;
    const kernel = (this.kernel ??= GuidanceKernel.take(n));
    const y = tr.image?.kind === 'channels' && this.image?.kind === 'channels' ? this.image : undefined;
    const yShape = y ? [y.data.length / (n / shape[0]!), ...shape.slice(1)] : [];
    f = {
      latent: session.buffer(tr.latent, x, [1, ...shape]),
      timestep: session.buffer(tr.timestep, new Float32Array(frames), frames === 1 ? [1] : [1, frames]),
      ...(y && tr.image?.kind === 'channels' && { image: constant(tr.image.input, y.data, [1, ...yShape]) }),
      cond: context(cond, 1),
      uncond: context(uncond, 1),
      outCond: session.buffer(tr.output, kernel?.vc ?? new Float32Array(n), [1, ...shape]),
      outUncond: session.buffer(tr.output, kernel?.vu ?? new Float32Array(n), [1, ...shape]),
    };
    if (tr.batch !== 1) {
      const both = new Float32Array(2 * cond.length);
      both.set(cond);
      both.set(uncond, cond.length);
      f.pair = {
        latent: session.buffer(tr.latent, new Float32Array(2 * n), [2, ...shape]),
        context: context(both, 2),
        out: session.buffer(tr.output, new Float32Array(2 * n), [2, ...shape]),
      };
      if (y && tr.image?.kind === 'channels') {
        const twice = new Float32Array(2 * y.data.length);
        twice.set(y.data);
        twice.set(y.data, y.data.length);
        f.pair.image = constant(tr.image.input, twice, [2, ...yShape]);
      }
    }
    this.feeds.set(session, f);
    return f;
  }
}
