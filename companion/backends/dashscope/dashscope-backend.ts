// Alibaba Cloud's hosted Wan as a backend: create a paid task once, poll it, download the clip at once.
import { join } from 'node:path';
import { z } from 'zod';
import {
  conditioningModeFor,
  ConditioningModeSchema,
  ShotlineError,
  type BackendInfo,
  type ConditioningMode,
  type PreflightResult,
} from '../../../shared/protocol';
import { framesToSeconds } from '../../../shared/timecode';
import { promptLength } from '../../../shared/shots/prompt-compiler';
import { PROMPT_TARGETS } from '../../../shared/shots/prompt-targets';
import { probeVideo } from '../../media/probe';
import {
  SHUTDOWN_REASON,
  type GenerationContext,
  GenerationRequest,
  GenerationResult,
  VideoBackend,
} from '../backend';
import { downloadToFile } from '../remote/download';
import { describeUrl } from '../remote/redact';
import { DashScopeClient, type CreateTaskBody } from './dashscope-client';
import { dashscopePreflight } from './dashscope-preflight';
import {
  resolveDashScopeSettings,
  type DashScopeSettings,
  type ResolvedDashScope,
} from './dashscope-settings';
import { imageInput } from './image-input';
import {
  DASHSCOPE_HOSTS,
  DASHSCOPE_REGIONS,
  durationFor,
  nearestApiSize,
  parseApiSize,
  regionImageModel,
  resolutionFor,
  type DashScopeImageModel,
} from './models';
import { FINAL_STATES, waitForTask } from './poll-task';

/** What the job keeps so a restarted companion polls the same paid task instead of creating another. */
const CheckpointSchema = z.object({
  backend: z.literal('dashscope'),
  taskId: z.string().min(1),
  model: z.string(),
  size: z.string(),
  duration: z.number().optional(),
  /** The conditioning mode the task runs, for a shot that starts from an image. */
  mode: ConditioningModeSchema.optional(),
  createdAt: z.string(),
});

/** One create call: where it goes, what it sends, and what the checkpoint and provenance say of it. */
interface TaskPlan {
  body: CreateTaskBody;
  service: string;
  model: string;
  size: string;
  duration?: number;
  mode?: ConditioningMode;
}
type DashScopeCheckpoint = z.infer<typeof CheckpointSchema>;

export class DashScopeBackend implements VideoBackend {
  readonly name = 'dashscope';
  private readonly cfg: ResolvedDashScope;
  private readonly client: DashScopeClient;

  constructor(settings: DashScopeSettings = {}) {
    this.cfg = resolveDashScopeSettings(settings);
    this.client = new DashScopeClient(this.cfg);
  }

  info(): BackendInfo {
    const model = this.cfg.spec;
    const sizes = (this.cfg.size ? [this.cfg.size] : model.sizes).map(parseApiSize);
    return {
      name: this.name,
      label: `Alibaba Cloud Wan (${this.cfg.model}, ${this.cfg.region}${this.cfg.audio ? ', with generated audio' : ''})`,
      available: this.cfg.apiKey !== undefined,
      ...(this.cfg.apiKey === undefined && {
        reason: 'no API key: set DASHSCOPE_API_KEY or dashscope.apiKey in the companion config',
      }),
      capabilities: {
        sizes,
        // Any sequence size: the clip is conformed after download.
        maxSize: { width: 8192, height: 8192 },
        fps: [{ num: model.fps, den: 1 }],
        maxDurationSeconds: model.durations.at(-1)!,
        concurrency: this.cfg.concurrency,
        conditioning: this.imageModes(),
      },
    };
  }

  preflight(signal: AbortSignal): Promise<PreflightResult> {
    const { region, baseUrl, model, apiKey, requestTimeoutMs } = this.cfg;
    // The region's own host counts as not overridden, so a refused key may be tried in the other regions.
    const custom = baseUrl !== DASHSCOPE_HOSTS[region] ? { baseUrl } : {};
    return dashscopePreflight({ region, ...custom, model, apiKey, requestTimeoutMs, env: {} }, signal);
  }

  /** Whether the region's image model `name` makes its own soundtrack (the wan2.6 first-frame models do). */
  private imageModelMakesAudio(name: string): boolean {
    const models: Readonly<Record<string, DashScopeImageModel>> =
      DASHSCOPE_REGIONS[this.cfg.region].images.models;
    return models[name]?.audio === true;
  }

  /** Conditioning modes this region has an image model for. */
  private imageModes(): ConditioningMode[] {
    return ConditioningModeSchema.options.filter((mode) => regionImageModel(this.cfg.region, mode));
  }

  /** The create call for a take: the configured text model, or the region's image model for its mode. */
  private async plan(request: GenerationRequest): Promise<TaskPlan> {
    const { shot, conditioning } = request;
    const seconds = framesToSeconds(request.frames, shot.fps);
    const text = {
      prompt: shot.prompt,
      ...(shot.negativePrompt && { negative_prompt: shot.negativePrompt }),
    };
    const common = {
      prompt_extend: this.cfg.promptExtend,
      watermark: this.cfg.watermark,
      seed: request.seed,
    };
    if (!conditioning) {
      const size = this.sizeFor(shot.size.width, shot.size.height);
      const duration = durationFor(this.cfg.spec, seconds);
      const audio = this.cfg.audio !== undefined && { audio: this.cfg.audio };
      const parameters = { size, duration, ...common, ...audio };
      return {
        body: { model: this.cfg.model, input: text, parameters },
        service: 'video-generation',
        model: this.cfg.model,
        size,
        duration,
      };
    }
    const mode = conditioningModeFor(conditioning.mode, this.imageModes());
    const image = mode && regionImageModel(this.cfg.region, mode);
    if (!mode || !image) {
      throw new ShotlineError(
        'INVALID_SHOT',
        `DashScope in ${this.cfg.region} has no model that starts from an image.`,
        { params: { region: this.cfg.region, case: 'noImageModel' } },
      );
    }
    const resolution = resolutionFor(image.spec, Math.min(shot.size.width, shot.size.height));
    // The keyframe service takes no duration: it is fixed at 5 s there.
    const duration = image.spec.service === 'image2video' ? undefined : durationFor(image.spec, seconds);
    const input = { ...text, ...(await imageInput(image.spec, conditioning)) };
    const parameters = { resolution, ...(duration !== undefined && { duration }), ...common };
    return {
      body: { model: image.name, input, parameters },
      service: image.spec.service,
      model: image.name,
      size: resolution,
      ...(duration !== undefined && { duration }),
      mode,
    };
  }

  /** The size sent for a shot; exposed so the panel and tests can say which one was chosen. */
  sizeFor(width: number, height: number): string {
    const allowed = this.cfg.spec.sizes;
    const size = this.cfg.size ?? nearestApiSize({ width, height }, allowed);
    if (!size) {
      throw new ShotlineError(
        'INVALID_SHOT',
        `${this.cfg.model} has no size shaped like ${width}x${height}.`,
        { params: { model: this.cfg.model, width, height, case: 'noSize' } },
      );
    }
    return size;
  }

  async generate(request: GenerationRequest, ctx: GenerationContext): Promise<GenerationResult> {
    if (!this.cfg.apiKey) {
      throw new ShotlineError(
        'REMOTE_AUTH_FAILED',
        'No DashScope API key: set DASHSCOPE_API_KEY or dashscope.apiKey.',
        { params: { case: 'noKey' } },
      );
    }
    const { shot } = request;
    const log = this.cfg.log?.child({ backend: this.name, shotId: shot.shotId, take: request.take });
    const previous = CheckpointSchema.safeParse(ctx.checkpoint.read());
    let task: DashScopeCheckpoint;
    if (previous.success) {
      task = previous.data;
      log?.info({ taskId: task.taskId }, 'dashscope: resuming the task this job already created');
    } else {
      checkPromptLimits(shot.shotId, shot.prompt, shot.negativePrompt);
      const plan = await this.plan(request);
      ctx.onProgress({ phase: 'queued', step: 0, total: 0 });
      const taskId = await this.client.createTask(plan.body, ctx.signal, plan.service);
      task = {
        backend: 'dashscope',
        taskId,
        model: plan.model,
        size: plan.size,
        ...(plan.duration !== undefined && { duration: plan.duration }),
        ...(plan.mode && { mode: plan.mode }),
        createdAt: new Date().toISOString(),
      };
      // Written before anything else can fail: this id is a paid task.
      ctx.checkpoint.write({ ...task });
      log?.info({ taskId, size: plan.size, model: plan.model }, 'dashscope: task created');
    }

    let videoUrl: string;
    // A new task starts PENDING; every poll updates this.
    let status = previous.success ? undefined : 'PENDING';
    try {
      videoUrl = await waitForTask(this.client, this.cfg, task.taskId, ctx, previous.success, log, (s) => {
        status = s;
      });
    } catch (err) {
      if (ctx.signal.aborted && ctx.signal.reason !== SHUTDOWN_REASON && status === 'PENDING') {
        // A user's cancel of a task still waiting at the service: cancel it there too (not billed, slot freed).
        if (await this.cancelRemote(task.taskId, log)) status = 'CANCELED';
      }
      // Only a task that can never change again is forgotten: anything else is a paid task a retry resumes.
      const expired = err instanceof ShotlineError && err.code === 'REMOTE_TASK_EXPIRED';
      if (expired || (status !== undefined && FINAL_STATES.has(status))) ctx.checkpoint.write({});
      throw err;
    }

    ctx.onProgress({ phase: 'downloading', step: 0, total: 1 });
    const path = join(ctx.workDir, `dashscope-${task.taskId.replace(/[^A-Za-z0-9_-]/g, '_')}.mp4`);
    const bytes = await downloadToFile(
      { ...this.client.endpoint, timeoutMs: Math.max(this.cfg.requestTimeoutMs, 60_000) },
      videoUrl,
      path,
      { signal: ctx.signal, maxBytes: this.cfg.maxDownloadBytes },
    );
    ctx.onProgress({ phase: 'downloading', step: 1, total: 1 });
    log?.info({ taskId: task.taskId, bytes, from: describeUrl(videoUrl) }, 'dashscope: clip downloaded');
    const probe = await probeVideo(path, { countPackets: true }).catch((err: unknown) => {
      throw new ShotlineError(
        'DOWNLOAD_FAILED',
        `The clip DashScope delivered for task ${task.taskId} is not a readable video: ${(err as Error).message}`,
        { params: { taskId: task.taskId, detail: (err as Error).message, case: 'dashscopeUnreadable' } },
      );
    });
    if (probe.frames < 1) {
      throw new ShotlineError(
        'DOWNLOAD_FAILED',
        `The clip DashScope delivered for task ${task.taskId} has no frames.`,
        { params: { taskId: task.taskId, case: 'dashscopeNoFrames' } },
      );
    }
    return {
      media: {
        kind: 'file',
        path,
        width: probe.width,
        height: probe.height,
        fps: probe.fps,
        frameCount: probe.frames,
        ...((this.cfg.audio === true || (task.mode && this.imageModelMakesAudio(task.model))) && {
          generatedAudio: true,
        }),
        colour: this.cfg.colour,
      },
      // The size we asked for travels in the model string, so provenance says what was generated.
      model: `${task.model}@${task.size}`,
      steps: 0,
      guidance: 0,
      ...(task.mode && { conditioningUsed: task.mode }),
    };
  }

  private async cancelRemote(taskId: string, log: ResolvedDashScope['log']): Promise<boolean> {
    try {
      const cancelled = await this.client.cancelTask(taskId, AbortSignal.timeout(this.cfg.requestTimeoutMs));
      log?.info({ taskId, cancelled }, 'dashscope: cancel sent to the service');
      return cancelled;
    } catch (err) {
      log?.warn({ taskId, code: (err as ShotlineError).code }, 'dashscope: could not cancel on the service');
      return false;
    }
  }

  async dispose(): Promise<void> {}
}

/** The service's limits, enforced before paying: a clear error, never a silent cut. */
export function checkPromptLimits(shotId: string, prompt: string, negative: string | undefined): void {
  const { maxPromptChars, maxNegativePromptChars } = PROMPT_TARGETS.dashscope;
  const length = promptLength(prompt);
  if (length > maxPromptChars) {
    throw new ShotlineError(
      'INVALID_SHOT',
      `Shot ${shotId}: the prompt has ${length} characters; DashScope takes at most ${maxPromptChars}. Shorten it (nothing was sent).`,
      { params: { shotId, length, max: maxPromptChars, case: 'promptTooLong' } },
    );
  }
  const negLength = negative ? promptLength(negative) : 0;
  if (negLength > maxNegativePromptChars) {
    throw new ShotlineError(
      'INVALID_SHOT',
      `Shot ${shotId}: the negative prompt has ${negLength} characters; DashScope takes at most ${maxNegativePromptChars}. Shorten it (nothing was sent).`,
      { params: { shotId, length: negLength, max: maxNegativePromptChars, case: 'negativeTooLong' } },
    );
  }
}
