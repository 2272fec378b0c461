// A ComfyUI server as a backend: fill a Wan2.2 workflow, queue it, follow it, fetch the saved video.
import { SHUTDOWN_REASON } from '../backend';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  ShotlineError,
  type BackendInfo,
  type ConditioningMode,
  type FrameSize,
  type PreflightResult,
} from '../../../shared/protocol';
import { framesToSeconds } from '../../../shared/timecode';
import { probeVideo } from '../../media/probe';
import type { GenerationContext, GenerationRequest, GenerationResult, VideoBackend } from '../backend';
import { nearestSize } from '../remote/nearest-size';
import { IMAGE_WORKFLOWS } from './built-in-workflows';
import { ComfyClient } from './comfy-client';
import { comfyPreflight } from './comfy-preflight';
import { findSavedOutput, outputNodes } from './comfy-output';
import { fetchSavedOutput } from './fetch-output';
import { resolveComfyUISettings, type ComfyUISettings, type ResolvedComfyUI } from './comfyui-settings';
import { PromptWatch } from './prompt-watch';
import { fillWorkflow, loadWorkflow, switchStep, type PlaceholderValues, type Workflow } from './workflow';

const CheckpointSchema = z.object({
  backend: z.literal('comfyui'),
  promptId: z.string().min(1),
  clientId: z.string().min(1),
  steps: z.number().optional(),
  cfg: z.number().optional(),
  size: z.string(),
});

export class ComfyUIBackend implements VideoBackend {
  readonly name = 'comfyui';
  private readonly cfg: ResolvedComfyUI;
  private readonly client: ComfyClient;
  private readonly workflow: Workflow;
  private readonly fps: number;
  private readonly maxFrames: number;

  constructor(settings: ComfyUISettings = {}) {
    this.cfg = resolveComfyUISettings(settings);
    this.client = new ComfyClient(this.cfg);
    // Loaded and validated up front: a broken workflow file fails at start-up, not mid-shoot.
    this.workflow = loadWorkflow(this.cfg.workflow);
    this.fps = this.workflow.fps ?? 16;
    this.maxFrames = this.workflow.maxFrames ?? 81;
  }

  info(): BackendInfo {
    const sizes = (this.workflow.sizes ?? []).map(([width, height]) => ({ width, height }));
    return {
      name: this.name,
      label: `ComfyUI (${this.workflow.label ?? this.workflow.name}) at ${this.cfg.url}`,
      available: true,
      capabilities: {
        sizes,
        maxSize: { width: 8192, height: 8192 },
        fps: [{ num: this.fps, den: 1 }],
        maxDurationSeconds: this.maxFrames / this.fps,
        concurrency: this.cfg.concurrency,
        // The chosen workflow's {{start_image}}/{{end_image}}, else the built-in image templates.
        conditioning: ['i2v', 'flf2v'],
      },
    };
  }

  preflight(signal: AbortSignal): Promise<PreflightResult> {
    return comfyPreflight(this.client, this.cfg.url, this.workflow, signal);
  }

  /** Generation size: the workflow's nearest native size, or the frame itself in 16-pixel steps. */
  sizeFor(frame: FrameSize): FrameSize {
    const native = (this.workflow.sizes ?? []).map(([width, height]) => ({ width, height }));
    const chosen = nearestSize(frame, native);
    if (chosen) return chosen;
    const scale = Math.min(1, 1280 / Math.max(frame.width, frame.height));
    const to16 = (v: number) => Math.max(16, Math.round((v * scale) / 16) * 16);
    return { width: to16(frame.width), height: to16(frame.height) };
  }

  /** Wan wants 4n+1 frames: enough to cover the shot at the model's rate, within the workflow's maximum. */
  lengthFor(seconds: number): number {
    const needed = Math.max(1, Math.ceil(seconds * this.fps - 1e-9));
    return Math.min(this.maxFrames, 4 * Math.ceil((needed - 1) / 4) + 1);
  }

  /** The workflow for a shot that starts from images: the chosen one when it has their placeholders. */
  imageWorkflow(mode: ConditioningMode): Workflow {
    const { placeholders } = this.workflow;
    if (placeholders.start_image && (mode === 'i2v' || placeholders.end_image)) return this.workflow;
    return loadWorkflow(IMAGE_WORKFLOWS[mode]);
  }

  /** Uploads the shot's images; their names fill {{start_image}} and {{end_image}}. */
  private async uploadImages(request: GenerationRequest, signal: AbortSignal): Promise<PlaceholderValues> {
    const { conditioning } = request;
    if (!conditioning) return {};
    const upload = (image: { path: string; sha256: string }) =>
      this.client.uploadImage(image.path, `shotline-${image.sha256.slice(0, 24)}.png`, signal);
    const start = await upload(conditioning.start);
    const end =
      conditioning.mode === 'flf2v' && conditioning.end ? await upload(conditioning.end) : undefined;
    return { start_image: start, ...(end && { end_image: end }) };
  }

  private values(
    request: GenerationRequest,
    size: FrameSize,
    length: number,
    workflow: Workflow = this.workflow,
  ): PlaceholderValues {
    const { shot } = request;
    const num = (key: string) => {
      const v = workflow.defaults[key];
      return typeof v === 'number' ? v : undefined;
    };
    const steps = this.cfg.steps ?? num('steps');
    const shift = this.cfg.shift ?? num('shift');
    const values: PlaceholderValues = {
      prompt: shot.prompt,
      ...(shot.negativePrompt && { negative_prompt: shot.negativePrompt }),
      seed: request.seed,
      width: size.width,
      height: size.height,
      length,
      fps: this.fps,
      ...(steps !== undefined && { steps }),
      ...(this.cfg.cfg !== undefined && { cfg: this.cfg.cfg }),
      ...(shift !== undefined && { shift }),
    };
    if (steps !== undefined && workflow.placeholders.switch_step) {
      const { split, boundary } = workflow;
      values.switch_step =
        split !== undefined
          ? Math.min(steps - 1, Math.max(1, Math.round(steps * split)))
          : switchStep(steps, shift ?? 1, boundary ?? 0.875);
    }
    return values;
  }

  async generate(request: GenerationRequest, ctx: GenerationContext): Promise<GenerationResult> {
    const { shot } = request;
    const log = this.cfg.log?.child({ backend: this.name, shotId: shot.shotId, take: request.take });
    const size = this.sizeFor(shot.size);
    const length = this.lengthFor(framesToSeconds(request.frames, shot.fps));
    const workflow = request.conditioning ? this.imageWorkflow(request.conditioning.mode) : this.workflow;
    const images = await this.uploadImages(request, ctx.signal);
    const values = { ...this.values(request, size, length, workflow), ...images };
    const steps = typeof values.steps === 'number' ? values.steps : undefined;
    const cfgValue = values.cfg ?? workflow.defaults.cfg;
    const graph = fillWorkflow(workflow, values);

    const saved = CheckpointSchema.safeParse(ctx.checkpoint.read());
    const resumed = saved.success ? saved.data : undefined;
    // Our own ids, checkpointed before the POST: a retry after a lost reply looks the prompt up by this id.
    const promptId = resumed?.promptId ?? randomUUID();
    const clientId = resumed?.clientId ?? randomUUID();
    const outputs = outputNodes(graph, workflow.output);
    const watch = new PromptWatch(this.client, this.cfg, ctx, steps, log);
    try {
      await watch.open(clientId);
      if (resumed && (await this.isKnown(promptId, ctx.signal))) {
        log?.info({ promptId }, 'comfyui: resuming the prompt this job already queued');
      } else {
        if (resumed) log?.warn({ promptId }, 'comfyui: the server does not know our prompt; queueing it');
        ctx.onProgress({ phase: 'queued', step: 0, total: steps ?? 0 });
        ctx.checkpoint.write({
          backend: 'comfyui',
          promptId,
          clientId,
          size: `${size.width}x${size.height}x${length}`,
          ...(steps !== undefined && { steps }),
          ...(typeof cfgValue === 'number' && { cfg: cfgValue }),
        });
        try {
          await this.client.submit(graph, { promptId, clientId }, outputs, ctx.signal);
        } catch (err) {
          if (err instanceof ShotlineError && err.code === 'WORKFLOW_INVALID') {
            // The valid branches were queued anyway: take them off the server, they would save nothing of ours.
            await this.stopRemote(promptId, log);
            ctx.checkpoint.write({});
          } else if (ctx.signal.aborted && ctx.signal.reason !== SHUTDOWN_REASON) {
            await this.stopRemote(promptId, log); // the POST may have landed before the cancel
          }
          throw err;
        }
        log?.info({ promptId, width: size.width, height: size.height, length }, 'comfyui: prompt queued');
      }
      let entry;
      try {
        entry = await watch.wait(promptId);
      } catch (err) {
        // A daemon shutting down leaves the prompt running and its checkpoint kept: the next start resumes it.
        if (ctx.signal.aborted) {
          if (ctx.signal.reason !== SHUTDOWN_REASON) await this.stopRemote(promptId, log);
        } else if (
          err instanceof ShotlineError &&
          err.code !== 'REMOTE_UNREACHABLE' &&
          err.code !== 'REMOTE_TIMEOUT'
        ) {
          ctx.checkpoint.write({}); // finished for good: a retry queues afresh
        }
        throw err;
      }
      const { saved: output, found } = findSavedOutput(entry, outputs);
      if (!output) {
        const names = found.map((f) => f.filename).join(', ');
        throw new ShotlineError(
          'REMOTE_TASK_FAILED',
          `ComfyUI finished prompt ${promptId} but saved nothing Shotline can make a clip from (${names ? `files: ${names}` : 'no files'}); the workflow needs a SaveVideo, SaveAnimatedWEBP, SaveAnimatedPNG or SaveImage node.`,
          { params: { promptId, files: names || '—', case: 'nothingSaved' } },
        );
      }
      ctx.onProgress({ phase: 'downloading', step: 0, total: 1 });
      const path = await fetchSavedOutput(this.client, output, {
        workDir: ctx.workDir,
        tag: promptId.replace(/[^A-Za-z0-9_-]/g, '_'),
        fps: this.fps,
        signal: ctx.signal,
        maxBytes: this.cfg.maxDownloadBytes,
      });
      ctx.onProgress({ phase: 'downloading', step: 1, total: 1 });
      const probe = await probeVideo(path, { countPackets: true }).catch((err: unknown) => {
        throw new ShotlineError(
          'DOWNLOAD_FAILED',
          `The ${output.kind} ComfyUI saved for prompt ${promptId} is not readable: ${(err as Error).message}`,
          { params: { kind: output.kind, promptId, detail: (err as Error).message, case: 'comfyuiOutput' } },
        );
      });
      return {
        media: {
          kind: 'file',
          path,
          width: probe.width,
          height: probe.height,
          fps: probe.fps,
          frameCount: probe.frames,
          colour: this.cfg.colour,
        },
        model: `comfyui:${workflow.name}@${size.width}x${size.height}x${length}`,
        steps: resumed?.steps ?? steps ?? 0,
        guidance: resumed?.cfg ?? (typeof cfgValue === 'number' ? cfgValue : 0),
        ...(request.conditioning && { conditioningUsed: request.conditioning.mode }),
      };
    } finally {
      watch.close();
    }
  }

  /** Queued, running or finished: any of these means the prompt exists and must not be queued again. */
  private async isKnown(promptId: string, signal: AbortSignal): Promise<boolean> {
    if ((await this.client.queueState(promptId, signal)) !== 'absent') return true;
    return (await this.client.history(promptId, signal)) !== undefined;
  }

  /** Cancel: interrupt our prompt if it is the one running, else take it off the queue. */
  private async stopRemote(promptId: string, log: ResolvedComfyUI['log']): Promise<void> {
    try {
      const outcome = await this.client.cancel(promptId, AbortSignal.timeout(this.cfg.requestTimeoutMs));
      log?.info({ promptId, outcome }, 'comfyui: cancelled on the server');
    } catch (err) {
      log?.warn({ promptId, code: (err as ShotlineError).code }, 'comfyui: could not cancel on the server');
    }
  }

  async dispose(): Promise<void> {}
}
