// The local Wan backend: a model bundle run on onnxruntime-node, native RGBA frames out to the media stage.
import type { BackendInfo } from '../../../shared/protocol';
import { ShotlineError } from '../../../shared/protocol';
import type { GenerationContext, GenerationRequest, GenerationResult, VideoBackend } from '../backend';
import { bundleWeights, readBundle, type ModelBundle } from './bundle';
import { fitPlan, type FitPlan, type MemoryBudget } from './fit-plan';
import { largestGpu, readGpuMemory } from './gpu-memory';
import type { GraphWeights } from './memory-estimate';
import { denoise, expertFor } from './denoise';
import { expertKeys, vaeKeys, type GraphKey } from './graph-keys';
import { newRunStats, type RunStats } from './graph-session';
import { nativeFrames, planAt } from './native-plan';
import { resolveOnnxOptions, type OnnxBackendOptions, type ResolvedOnnxOptions } from './options';
import { encodePng, latentToRgba } from './preview';
import { loadTokenizer, PromptEncoder } from './prompt-encoder';
import { resolveProviders } from './provider-probe';
import { seededLatents } from './random';
import { flowSchedule } from './schedulers/flow-schedule';
import { SessionPool } from './session-pool';
import { decodeFrames } from './vae-decode';

/** What the last take cost: session calls per graph, summed session.run time, wall time per step. */
export interface TakeStats {
  runs: RunStats;
  stepMs: number[];
}

export class OnnxBackend implements VideoBackend {
  readonly name = 'onnx';
  readonly options: ResolvedOnnxOptions;
  lastTake: TakeStats | undefined;
  /** The last take's size and residency, and why they differ from the shot's (tests, doctor). */
  lastFit: FitPlan | undefined;
  private loaded:
    { bundle: ModelBundle; pool: SessionPool; prompts: PromptEncoder; weights: GraphWeights } | undefined;
  private readonly told = new Set<string>();
  private budget: Promise<MemoryBudget | undefined> | undefined;

  constructor(options: OnnxBackendOptions = {}) {
    this.options = resolveOnnxOptions(options);
  }

  info(): BackendInfo {
    const base = {
      name: this.name,
      label: 'Wan (local GPU, onnxruntime)',
      capabilities: {
        sizes: [] as { width: number; height: number }[],
        maxSize: { width: 3840, height: 2160 },
        fps: [] as { num: number; den: number }[],
        maxDurationSeconds: 5,
        concurrency: 1,
      },
    };
    if (!this.options.model) {
      return { ...base, available: false, reason: 'no model bundle configured (shotline … --model DIR)' };
    }
    try {
      const { manifest: m } = this.bundle();
      const { fps, frames, sizes } = m.sampling;
      return {
        ...base,
        label: `Wan (local GPU, onnxruntime): ${m.name}`,
        available: true,
        capabilities: {
          ...base.capabilities,
          sizes,
          fps: [fps],
          maxDurationSeconds: (frames * fps.den) / fps.num,
        },
      };
    } catch (err) {
      return { ...base, available: false, reason: (err as Error).message };
    }
  }

  /** The bundle, read and checked once (manifest and files); graph contracts are checked as sessions open. */
  bundle(): ModelBundle {
    if (!this.loaded) {
      if (!this.options.model) throw new ShotlineError('MODEL_INVALID', 'onnx: no model bundle configured.');
      const bundle = readBundle(this.options.model);
      const pool = new SessionPool(bundle, this.options.provider, newRunStats(), {
        ...(this.options.engineCache && { engineCache: this.options.engineCache }),
        notice: (line) => this.tell(line),
      });
      const tokenizer = loadTokenizer(bundle.path(bundle.manifest.tokenizer.file));
      const prompts = new PromptEncoder(tokenizer, () => pool.get('text_encoder'), bundle.manifest);
      this.loaded = { bundle, pool, prompts, weights: bundleWeights(bundle) };
    }
    return this.loaded.bundle;
  }

  async generate(request: GenerationRequest, ctx: GenerationContext): Promise<GenerationResult> {
    const m = this.bundle().manifest;
    const { pool, prompts } = this.loaded!;
    const { shot } = request;
    const frames = nativeFrames(m, request.frames, shot.fps);
    const fit = await this.fit(m, shot.size, frames);
    const one = fit.residency === 'one';
    const plan = planAt(m, fit.size, frames);
    const steps = this.options.steps ?? m.sampling.steps;
    const schedule = flowSchedule(steps, m.sampling.shift);
    const experts = [...new Set(schedule.timesteps.map((t) => `expert:${expertFor(m, t).id}` as GraphKey))];
    const stats: TakeStats = { runs: pool.stats, stepMs: [] };
    pool.stats.calls.clear();
    pool.stats.runMs = 0;
    this.lastTake = stats;
    ctx.onProgress({ phase: 'loading', step: 0, total: steps });
    try {
      await pool.sizeFor(plan.latentShape);
      // One graph at a time: whatever the last take left resident goes before the text encoder loads.
      if (one) await pool.release([...expertKeys(m), ...vaeKeys(m)]);
      // The text encoder is needed only until the prompts are encoded (their embeddings are cached): it is
      // freed before denoising, so its weights never share the card with the transformer's activations.
      const cond = await prompts.encode(shot.prompt);
      const uncond = await prompts.encode(shot.negativePrompt ?? m.sampling.negativePrompt);
      await pool.release(['text_encoder']);
      // Open (and check) every graph the take needs before step 1, unless memory allows only one at a time.
      if (!one) await Promise.all([...experts, ...vaeKeys(m)].map((k) => pool.get(k)));
      let last = performance.now();
      const latents = await denoise({
        manifest: m,
        schedule,
        latents: seededLatents(request.seed, plan.latentShape),
        latentShape: plan.latentShape,
        cond,
        uncond,
        signal: ctx.signal,
        expertSession: async (key) => {
          // One-expert residency: crossing the boundary loads the low-noise expert and frees the other.
          if (one) await pool.release(expertKeys(m).filter((k) => k !== key));
          return pool.get(key);
        },
        onStep: (step, x0) => {
          const now = performance.now();
          stats.stepMs.push(now - last);
          last = now;
          ctx.onProgress({ phase: 'generating', step, total: steps });
          this.preview(ctx, m, step, steps, x0, plan.latentShape);
        },
      });
      if (one) await pool.release(expertKeys(m));
      return {
        media: {
          kind: 'frames',
          width: plan.width,
          height: plan.height,
          fps: m.sampling.fps,
          frameCount: plan.frames,
          frames: this.frames(m, latents, plan.latentShape, ctx.signal),
        },
        model: m.name,
        steps,
        guidance: expertFor(m, schedule.timesteps[0]!).guidance,
      };
    } catch (err) {
      // Cancelled or failed: free the sessions' memory now, not at the next job.
      await pool.releaseAll();
      throw err;
    }
  }

  /** The size and residency this take can afford, each change told once through `notice`. */
  private async fit(m: ModelBundle['manifest'], want: FitPlan['size'], frames: number): Promise<FitPlan> {
    const { residency, quality } = this.options;
    // Read once, before this backend holds anything on the card: later reads would count its own resident
    // graphs (and onnxruntime's arena) as taken, and shrink every take after the first.
    this.budget ??= (this.options.memoryBudget ?? this.gpuBudget)();
    const budget = await this.budget;
    const fit = fitPlan({
      manifest: m,
      weights: this.loaded!.weights,
      want,
      frames,
      quality,
      residency,
      budget,
    });
    fit.notes.forEach((note) => this.tell(note));
    this.lastFit = fit;
    return fit;
  }

  /** Each notice once per backend: a script of forty shots should not repeat the same sentence forty times. */
  private tell(line: string): void {
    if (this.told.has(line)) return;
    this.told.add(line);
    this.options.notice(line);
  }

  /** The largest GPU's usable memory; none on the CPU provider, whose limit is the machine's RAM. */
  private readonly gpuBudget = async (): Promise<MemoryBudget | undefined> => {
    const { chain } = await resolveProviders(this.options.provider);
    if (chain[0] === 'cpu') return undefined;
    const gpu = largestGpu(await readGpuMemory());
    return gpu && { bytes: gpu.usableBytes, name: gpu.name };
  };

  private async *frames(
    m: ModelBundle['manifest'],
    latents: Float32Array,
    shape: readonly [number, number, number, number],
    signal: AbortSignal,
  ): AsyncGenerator<Uint8Array> {
    const pool = this.loaded!.pool;
    let finished = false;
    try {
      yield* decodeFrames({ manifest: m, latents, latentShape: shape, signal, session: (k) => pool.get(k) });
      finished = true;
    } finally {
      if (!finished) await pool.releaseAll();
      else if (this.lastFit?.residency === 'one') await pool.release(vaeKeys(m));
    }
  }

  /** Every `previewEvery` steps and at the last: the x0 estimate's middle frame, a few hundred µs of work. */
  private preview(
    ctx: GenerationContext,
    m: ModelBundle['manifest'],
    step: number,
    total: number,
    x0: () => Float32Array,
    shape: readonly number[],
  ): void {
    const { previewEvery } = this.options;
    if (!ctx.onPreview || previewEvery === 0 || (step % previewEvery !== 0 && step !== total)) return;
    const { rgba, width, height } = latentToRgba(m, x0(), shape);
    ctx.onPreview({ step, total, width, height, mime: 'image/png', data: encodePng(rgba, width, height) });
  }

  /** Graphs whose sessions are open now (tests, doctor). */
  residentGraphs(): string[] {
    return this.loaded?.pool.resident() ?? [];
  }

  async dispose(): Promise<void> {
    await this.loaded?.pool.releaseAll();
    this.loaded = undefined;
  }
}
