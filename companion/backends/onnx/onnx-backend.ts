// The local Wan backend: a model bundle run on onnxruntime-node, native RGBA frames out to the media stage.
import { WAN_NEGATIVE_PROMPT, type ModelManifest, type Quality } from '../../../shared/model-bundle';
import type { BackendInfo, ConditioningMode } from '../../../shared/protocol';
import { conditioningModeFor, ShotlineError } from '../../../shared/protocol';
import type {
  GenerationContext,
  GenerationRequest,
  GenerationResult,
  PreparedConditioning,
  VideoBackend,
} from '../backend';
import { bundleWeights, readBundle, type ModelBundle } from './bundle';
import { denoise, expertFor, expertGuidance } from './denoise';
import { fitPlan, type FitPlan, type MemoryBudget } from './fit-plan';
import { largestGpu, readGpuMemory } from './gpu-memory';
import { draftKeys, encoderKeys, expertKeys, vaeKeys, type GraphKey } from './graph-keys';
import { checkEndImage, encodeImage, imageModes, startsFromImage, type ImageLatents } from './image-latents';
import { imagePixels } from './image-pixels';
import type { NativePlan } from './native-plan';
import type { GraphWeights } from './memory-estimate';
import { newRunStats, type RunStats } from './graph-session';
import { nativeFrames, planAt } from './native-plan';
import { resolveOnnxOptions, type OnnxBackendOptions, type ResolvedOnnxOptions } from './options';
import { encodePng, latentToRgba } from './preview';
import { loadTokenizer, PromptEncoder } from './prompt-encoder';
import { noiseGenerators } from './noise';
import { computeRefusal } from './compute-check';
import { resolveProviders } from './provider-probe';
import { distilledSchedule } from './schedulers/distilled-schedule';
import { flowSchedule, type FlowSchedule } from './schedulers/flow-schedule';
import { releaseSpares } from '../../util/spare-pool';
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
  /** The last take's latents once its frames are all decoded: the next take of that size draws its noise here. */
  private spareLatents: Float32Array | undefined;

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
      const modes = imageModes(m);
      return {
        ...base,
        label: `Wan (local GPU, onnxruntime): ${m.name}`,
        available: true,
        capabilities: {
          ...base.capabilities,
          sizes,
          fps: [fps],
          maxDurationSeconds: (frames * fps.den) / fps.num,
          // First-and-last-frame only where the manifest says the experts take it: elsewhere a flf2v shot runs
          // i2v from its start image, and the panel says so.
          ...(modes && { conditioning: modes }),
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
    const refusal = computeRefusal(m, (await resolveProviders(this.options.provider)).chain[0]!);
    if (refusal) throw refusal;
    const { pool, prompts } = this.loaded!;
    const { shot, conditioning } = request;
    if (conditioning && !startsFromImage(m))
      throw new ShotlineError(
        'INVALID_SHOT',
        `Shot ${shot.shotId}: the onnx bundle "${m.name}" has no VAE encoder and image input, so it cannot start from an image.`,
        { params: { shotId: shot.shotId, bundle: m.name, case: 'onnxNoImageInput' } },
      );
    // The shot's own quality (a panel's draft, a promote) wins over the daemon's or the command's setting.
    const quality: Quality = shot.quality ?? this.options.quality;
    const frames = nativeFrames(m, request.frames, shot.fps);
    const fit = await this.fit(m, shot.size, frames, quality);
    const one = fit.residency === 'one';
    const plan = planAt(m, fit.size, frames);
    const mode = conditioning && conditioningModeFor(conditioning.mode, imageModes(m));
    // Before any graph loads: a take too short for a last frame of its own fails at once.
    if (mode === 'flf2v') checkEndImage(m, plan.latentShape[1]);
    const distilled = quality === 'draft' && m.draft !== undefined;
    const schedule = this.schedule(m, quality);
    const steps = schedule.timesteps.length;
    const prefix = distilled ? 'draft' : 'expert';
    const experts = [
      ...new Set(schedule.timesteps.map((t) => `${prefix}:${expertFor(m, t).id}` as GraphKey)),
    ];
    const guidance = expertGuidance(m, schedule.timesteps, distilled ? 'draft' : 'final');
    const negativePrompt = defaultNegative(shot.negativePrompt, m);
    const stats: TakeStats = { runs: pool.stats, stepMs: [] };
    pool.stats.calls.clear();
    pool.stats.runMs = 0;
    this.lastTake = stats;
    ctx.onProgress({ phase: 'loading', step: 0, total: steps });
    try {
      await pool.sizeFor(plan.latentShape);
      // One graph at a time: whatever the last take left resident goes before the text encoder loads.
      if (one) await pool.release([...expertKeys(m), ...draftKeys(m), ...vaeKeys(m)]);
      // Drafts and finals never share a GPU: the other quality's experts go before this one's open.
      else await pool.release(distilled ? expertKeys(m) : draftKeys(m));
      // The text encoder is needed only until the prompts are encoded (their embeddings are cached): it is
      // freed before denoising, so its weights never share the card with the transformer's activations.
      const cond = await prompts.encode(shot.prompt);
      // Guidance 1 everywhere (a distilled draft) never runs the negative prompt: no encoding for it either.
      const unguided = guidance.every((g) => g.guidance === 1);
      const uncond = unguided ? cond : await prompts.encode(negativePrompt);
      await pool.release(['text_encoder']);
      const image = conditioning && (await this.imageLatents(m, conditioning, mode, plan, ctx.signal));
      // Open (and check) every graph the take needs before step 1, unless memory allows only one at a time.
      if (!one) await Promise.all([...experts, ...vaeKeys(m)].map((k) => pool.get(k)));
      let last = performance.now();
      const latents = await denoise({
        manifest: m,
        schedule,
        quality: distilled ? 'draft' : 'final',
        latents: noiseGenerators[this.options.noise](request.seed, this.latentBuffer(plan.latentShape)),
        latentShape: plan.latentShape,
        cond,
        uncond,
        ...(image && { image }),
        signal: ctx.signal,
        expertSession: async (key) => {
          // One-expert residency: crossing the boundary loads the low-noise expert and frees the other.
          if (one) await pool.release([...expertKeys(m), ...draftKeys(m)].filter((k) => k !== key));
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
      if (one) await pool.release([...expertKeys(m), ...draftKeys(m)]);
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
        guidance: guidance[0]!.guidance,
        ...(!unguided && negativePrompt !== shot.negativePrompt && { negativePrompt }),
        expertGuidance: guidance,
        noise: this.options.noise,
        quality,
        ...(mode && { conditioningUsed: mode }),
      };
    } catch (err) {
      // Cancelled or failed: free the sessions' memory now, not at the next job.
      await pool.releaseAll();
      throw err;
    }
  }

  /**
   * The start (and, for flf2v, end) image as the experts take it, both fitted to the take's size alike; the
   * encoder's sessions are freed before denoising, as the text encoder's.
   */
  private async imageLatents(
    m: ModelManifest,
    conditioning: PreparedConditioning,
    mode: ConditioningMode | undefined,
    plan: NativePlan,
    signal: AbortSignal,
  ): Promise<ImageLatents> {
    const pool = this.loaded!.pool;
    const pixels = (path: string) => imagePixels(path, plan.width, plan.height);
    const end = mode === 'flf2v' && conditioning.end ? await pixels(conditioning.end.path) : undefined;
    const latents = await encodeImage({
      manifest: m,
      pixels: await pixels(conditioning.start.path),
      ...(end && { endPixels: end }),
      latentShape: plan.latentShape,
      signal,
      session: (k) => pool.get(k),
    });
    await pool.release(encoderKeys(m));
    return latents;
  }

  /** The size and residency this take can afford, each change told once through `notice`. */
  private async fit(
    m: ModelBundle['manifest'],
    want: FitPlan['size'],
    frames: number,
    quality: Quality,
  ): Promise<FitPlan> {
    const { residency } = this.options;
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

  /** Full quality: Wan's schedule at the bundle's (or --steps) step count; draft: the distilled step list if any. */
  private schedule(m: ModelManifest, quality: Quality): FlowSchedule {
    if (quality === 'draft' && m.draft) return distilledSchedule(m.draft.denoisingSteps, m.draft.shift);
    // A bundle without distilled experts still drafts: its own experts at the smallest documented size.
    if (quality === 'draft')
      this.tell(
        `onnx: "${m.name}" has no 4-step draft experts; drafting with its own ${this.options.steps ?? m.sampling.steps} steps at its smallest size.`,
      );
    return flowSchedule(this.options.steps ?? m.sampling.steps, m.sampling.shift);
  }

  private latentBuffer(shape: readonly number[]): Float32Array {
    const size = shape.reduce((a, b) => a * b, 1);
    const spare = this.spareLatents;
    this.spareLatents = undefined;
    return spare?.length === size ? spare : new Float32Array(size);
  }

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
      // Nothing reads the latents once the last frame is out: the next take overwrites them with its noise.
      this.spareLatents = latents;
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
    releaseSpares();
  }
}

/** Wan's rule (text2video.py: `if n_prompt == ""`): no negative prompt means the bundle's, else Wan's own. */
export function defaultNegative(negative: string | undefined, m: ModelManifest): string {
  if (negative?.trim()) return negative;
  return m.sampling.negativePrompt.trim() ? m.sampling.negativePrompt : WAN_NEGATIVE_PROMPT;
}
