// The two DashScope calls we make (create task, read task), with its HTTP failures mapped to our codes.
import { z } from 'zod';
import { ShotlineError } from '../../../shared/protocol';
import { parseRetryAfter } from '../remote/backoff';
import { httpCall, type HttpReply, type RemoteEndpoint } from '../remote/http';
import { Redactor } from '../remote/redact';
import { RetryLater, withRetries, type RetryPolicy } from '../remote/retry';
import type { ResolvedDashScope } from './dashscope-settings';

export interface CreateTaskBody {
  model: string;
  input: {
    prompt: string;
    negative_prompt?: string;
    /** First-frame image models: the image as a data URI. */
    img_url?: string;
    /** First-and-last-frame models (the image2video service). */
    first_frame_url?: string;
    last_frame_url?: string;
  };
  parameters: {
    /** Text models take a size; image models a resolution tier and keep the image's aspect ratio. */
    size?: string;
    resolution?: string;
    duration?: number;
    prompt_extend: boolean;
    watermark: boolean;
    seed: number;
    /** Only for models that generate sound (wan2.5, wan2.6); the service's default is on. */
    audio?: boolean;
  };
}

const TaskSchema = z.object({
  output: z.object({
    task_id: z.string().optional(),
    task_status: z.string(),
    video_url: z.string().optional(),
    code: z.string().optional(),
    message: z.string().optional(),
  }),
});
export type TaskOutput = z.infer<typeof TaskSchema>['output'];

const ErrorBodySchema = z.object({ code: z.string().optional(), message: z.string().optional() });

/** Codes the service uses when its content check refuses the text or the result. */
export const MODERATION_CODE = /DataInspection|data_inspection|IPInfringement|InappropriateContent/i;

export class DashScopeClient {
  readonly endpoint: RemoteEndpoint;
  private readonly policy: RetryPolicy;

  constructor(private readonly cfg: ResolvedDashScope) {
    this.endpoint = {
      service: 'DashScope',
      dispatcher: cfg.dispatcher,
      timeoutMs: cfg.requestTimeoutMs,
      redactor: new Redactor([cfg.apiKey]),
    };
    this.policy = {
      maxRetries: cfg.maxRetries,
      baseMs: cfg.retryBaseMs,
      maxMs: cfg.retryMaxMs,
      random: cfg.random,
    };
  }

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.cfg.apiKey ?? ''}` };
  }

  /** `service`: video-generation (text and first-frame models) or image2video (first-and-last-frame models). */
  async createTask(body: CreateTaskBody, signal: AbortSignal, service = 'video-generation'): Promise<string> {
    const url = `${this.cfg.baseUrl}/api/v1/services/aigc/${service}/video-synthesis`;
    return withRetries(
      async () => {
        const reply = await httpCall(this.endpoint, {
          method: 'POST',
          url,
          headers: { ...this.headers(), 'x-dashscope-async': 'enable' },
          json: body,
          signal,
        });
        if (reply.status !== 200) throw this.failure(reply, 'creating the task');
        const parsed = TaskSchema.safeParse(reply.json);
        const taskId = parsed.success ? parsed.data.output.task_id : undefined;
        if (!taskId) {
          throw new ShotlineError(
            'REMOTE_TASK_FAILED',
            'DashScope accepted the request but returned no task id.',
            { params: { case: 'noTaskId' } },
          );
        }
        return taskId;
      },
      this.policy,
      signal,
      (n, ms, code) => this.cfg.log?.warn({ retry: n, delayMs: ms, code }, 'dashscope create: retrying'),
    );
  }

  async getTask(taskId: string, signal: AbortSignal): Promise<TaskOutput> {
    const url = `${this.cfg.baseUrl}/api/v1/tasks/${encodeURIComponent(taskId)}`;
    return withRetries(
      async () => {
        const reply = await httpCall(this.endpoint, { method: 'GET', url, headers: this.headers(), signal });
        if (reply.status === 404) {
          throw new ShotlineError(
            'REMOTE_TASK_EXPIRED',
            `DashScope no longer knows task ${taskId} (task ids live 24 hours); retry the job to start a new one.`,
            { params: { taskId } },
          );
        }
        if (reply.status !== 200) throw this.failure(reply, `reading task ${taskId}`);
        const parsed = TaskSchema.safeParse(reply.json);
        if (!parsed.success) {
          throw new ShotlineError(
            'REMOTE_TASK_FAILED',
            `DashScope sent an unreadable status for task ${taskId}.`,
            { params: { taskId, case: 'unreadableStatus' } },
          );
        }
        return parsed.data.output;
      },
      this.policy,
      signal,
      (n, ms, code) =>
        this.cfg.log?.warn({ retry: n, delayMs: ms, code, taskId }, 'dashscope poll: retrying'),
    );
  }

  /**
   * The documented cancel, which the service accepts only while the task is PENDING: it then frees one of the
   * account's few concurrent slots and is not billed. Resolves true when the service cancelled it.
   */
  async cancelTask(taskId: string, signal: AbortSignal): Promise<boolean> {
    const url = `${this.cfg.baseUrl}/api/v1/tasks/${encodeURIComponent(taskId)}/cancel`;
    const reply = await httpCall(this.endpoint, { method: 'POST', url, headers: this.headers(), signal });
    if (reply.status === 200) return true;
    const body = ErrorBodySchema.safeParse(reply.json);
    this.cfg.log?.info(
      { taskId, status: reply.status, code: body.success ? body.data.code : undefined },
      'dashscope: the service did not cancel the task (it had left PENDING)',
    );
    return false;
  }

  /** A non-200 reply as an error to throw: RetryLater for 429/5xx, a coded ShotlineError otherwise. */
  private failure(reply: HttpReply, doing: string): Error {
    const body = ErrorBodySchema.safeParse(reply.json);
    const code = body.success ? (body.data.code ?? '') : '';
    const message = body.success ? (body.data.message ?? '') : reply.text.slice(0, 200);
    const said = this.endpoint.redactor.redact([code, message].filter(Boolean).join(': ') || 'no detail');
    const status = reply.status;
    const auth = authFailure(status, code, said, doing, this.cfg);
    if (auth) return auth;
    if (MODERATION_CODE.test(code)) {
      return new ShotlineError(
        'REMOTE_REFUSED',
        `DashScope's content check refused the prompt (${said}). Reword the shot description and try again.`,
        { params: { said, case: 'contentCheck' } },
      );
    }
    if (status === 429) {
      return new RetryLater(
        new ShotlineError(
          'REMOTE_RATE_LIMITED',
          `DashScope kept refusing for rate limit or quota while ${doing} (${said}), after ${this.cfg.maxRetries} retries. Wait a while or check the account's quota.`,
          { params: { said, retries: this.cfg.maxRetries, case: 'retries' } },
        ),
        parseRetryAfter(reply.headers['retry-after']),
      );
    }
    if (status >= 500) {
      return new RetryLater(
        new ShotlineError(
          'REMOTE_UNREACHABLE',
          `DashScope answered HTTP ${status} while ${doing} (${said}), also after ${this.cfg.maxRetries} retries.`,
          { params: { status, said, retries: this.cfg.maxRetries, case: 'dashscopeHttp' } },
        ),
        parseRetryAfter(reply.headers['retry-after']),
      );
    }
    return new ShotlineError(
      'REMOTE_TASK_FAILED',
      `DashScope refused the request while ${doing} (HTTP ${status}, ${said}).`,
      { params: { status, said, case: 'dashscopeRefused' } },
    );
  }
}

/**
 * 401/403 said apart by the service's code: a wrong key or region, an account without access to the model,
 * or a quota used up — three different fixes for the person reading it.
 */
function authFailure(
  status: number,
  code: string,
  said: string,
  doing: string,
  cfg: ResolvedDashScope,
): Error | undefined {
  if (/quota|arrearage|FreeTierOnly/i.test(code) && (status === 400 || status === 403)) {
    return new ShotlineError(
      'REMOTE_RATE_LIMITED',
      `DashScope refused ${cfg.model} for quota while ${doing} (${said}): the free quota is used up or the account is in arrears. Top up or turn off "free tier only" in Model Studio, then retry.`,
      { params: { model: cfg.model, said, case: 'quota' } },
    );
  }
  if (status === 401 || /InvalidApiKey/i.test(code)) {
    return new ShotlineError(
      'REMOTE_AUTH_FAILED',
      `DashScope refused the API key while ${doing} (HTTP ${status}, ${said}). Check DASHSCOPE_API_KEY, and that the key belongs to the ${cfg.region} region (${cfg.baseUrl}): keys work only in their own region.`,
      { params: { status, said, region: cfg.region, host: cfg.baseUrl, case: 'key' } },
    );
  }
  if (status === 403) {
    return new ShotlineError(
      'REMOTE_AUTH_FAILED',
      `DashScope says this account has no access to ${cfg.model} in the ${cfg.region} region while ${doing} (HTTP 403, ${said}). Activate the model in Model Studio for this region, or choose another model.`,
      { params: { model: cfg.model, region: cfg.region, said, case: 'noAccess' } },
    );
  }
  return undefined;
}
