// ComfyUI's HTTP endpoints we use: /prompt, /history, /queue, /interrupt, /view and /upload/image.
import { readFile } from 'node:fs/promises';
import { FormData } from 'undici';
import { z } from 'zod';
import { ShotlineError } from '../../../shared/protocol';
import { downloadToFile } from '../remote/download';
import { httpCall, type HttpReply, type RemoteEndpoint } from '../remote/http';
import { Redactor } from '../remote/redact';
import type { ResolvedComfyUI } from './comfyui-settings';
import { HistoryEntrySchema, type FileRef, type HistoryEntry } from './comfy-output';
import { describeNodeErrors, droppedOutputs } from './node-errors';
import type { ApiGraph } from './workflow';

/** What POST /upload/image answers (ComfyUI server.py): the stored name, its subfolder and folder type. */
const UploadReplySchema = z.object({
  name: z.string().min(1),
  subfolder: z.string().default(''),
  type: z.string(),
});

const QueueSchema = z.object({
  queue_running: z.array(z.array(z.unknown())).default([]),
  queue_pending: z.array(z.array(z.unknown())).default([]),
});

export class ComfyClient {
  readonly endpoint: RemoteEndpoint;

  constructor(private readonly cfg: ResolvedComfyUI) {
    this.endpoint = {
      service: 'ComfyUI',
      dispatcher: cfg.dispatcher,
      timeoutMs: cfg.requestTimeoutMs,
      redactor: new Redactor([cfg.header?.value]),
    };
  }

  headers(): Record<string, string> {
    return this.cfg.header ? { [this.cfg.header.name]: this.cfg.header.value } : {};
  }

  private async call(
    method: 'GET' | 'POST',
    path: string,
    signal: AbortSignal,
    json?: unknown,
  ): Promise<HttpReply> {
    const reply = await httpCall(this.endpoint, {
      method,
      url: `${this.cfg.url}${path}`,
      headers: this.headers(),
      json,
      signal,
    });
    if (reply.status === 401 || reply.status === 403) {
      throw new ShotlineError(
        'REMOTE_AUTH_FAILED',
        `ComfyUI at ${this.cfg.url} refused the request (HTTP ${reply.status}); check the auth header setting.`,
        { params: { url: this.cfg.url, status: reply.status, case: 'comfyui' } },
      );
    }
    return reply;
  }

  /**
   * Uploads an image into the server's input folder under `name` (overwriting: the name carries the content's
   * hash, so a retry sends the same bytes to the same name) and returns what LoadImage's "image" input takes.
   */
  async uploadImage(path: string, name: string, signal: AbortSignal): Promise<string> {
    const form = new FormData();
    form.set('image', new Blob([await readFile(path)], { type: 'image/png' }), name);
    form.set('type', 'input');
    form.set('overwrite', 'true');
    const reply = await httpCall(this.endpoint, {
      method: 'POST',
      url: `${this.cfg.url}/upload/image`,
      headers: this.headers(),
      form,
      signal,
    });
    const parsed = UploadReplySchema.safeParse(reply.json);
    if (reply.status !== 200 || !parsed.success) {
      throw new ShotlineError(
        reply.status === 401 || reply.status === 403 ? 'REMOTE_AUTH_FAILED' : 'REMOTE_REFUSED',
        `ComfyUI at ${this.cfg.url} did not take the image upload (HTTP ${reply.status}): ${reply.text.slice(0, 200)}`,
        {
          params: {
            url: this.cfg.url,
            status: reply.status,
            detail: reply.text.slice(0, 200),
            case: 'upload',
          },
        },
      );
    }
    return parsed.data.subfolder ? `${parsed.data.subfolder}/${parsed.data.name}` : parsed.data.name;
  }

  /**
   * Queues the graph under our own prompt id (made and checkpointed by the caller first, so a retry after a
   * lost reply finds the prompt instead of queueing it twice). `outputs` are the nodes that save our clip:
   * ComfyUI answers 200 and runs the rest when only some branches are invalid, so a dropped one fails here.
   */
  async submit(
    graph: ApiGraph,
    ids: { promptId: string; clientId: string },
    outputs: readonly string[],
    signal: AbortSignal,
  ): Promise<void> {
    const reply = await this.call('POST', '/prompt', signal, {
      prompt: graph,
      client_id: ids.clientId,
      prompt_id: ids.promptId,
    });
    if (reply.status === 400) throw this.refused(reply, 'refused the workflow', 'comfyuiRefused');
    const promptId = (reply.json as { prompt_id?: unknown } | undefined)?.prompt_id;
    if (reply.status !== 200 || typeof promptId !== 'string') {
      throw new ShotlineError(
        'REMOTE_TASK_FAILED',
        `ComfyUI did not queue the workflow (HTTP ${reply.status}${typeof promptId === 'string' ? '' : ', no prompt id'}).`,
        { params: { status: reply.status, case: 'notQueued' } },
      );
    }
    if (promptId !== ids.promptId) {
      // A server too old to take our id would make retries queue duplicates: say so rather than pay twice.
      throw new ShotlineError(
        'REMOTE_TASK_FAILED',
        `ComfyUI queued the workflow as ${promptId}, not under the id Shotline gave it (${ids.promptId}); the server is too old for safe retries.`,
        { params: { promptId: String(promptId), expected: ids.promptId, case: 'idMismatch' } },
      );
    }
    const dropped = droppedOutputs(reply.json, outputs);
    if (outputs.length > 0 && dropped.length === outputs.length) {
      throw this.refused(
        reply,
        `dropped the branch that saves the clip (node ${dropped.join(', ')}), so nothing of ours would be saved`,
        'comfyuiDropped',
        { nodes: dropped.join(', ') },
      );
    }
  }

  /** `what` is the CLI's English; `c` and `facts` let the panel word the same refusal. */
  private refused(
    reply: HttpReply,
    what: string,
    c: string,
    facts: Record<string, string> = {},
  ): ShotlineError {
    const lines = describeNodeErrors(reply.json);
    // ComfyUI's own per-node reasons cannot be translated: they travel verbatim as the detail.
    const detail = lines.length > 0 ? lines.join('; ') : reply.text.slice(0, 300);
    const redact = (text: string) => this.endpoint.redactor.redact(text);
    return new ShotlineError('WORKFLOW_INVALID', redact(`ComfyUI ${what}: ${detail || 'no reason given'}.`), {
      params: { ...facts, detail: redact(detail), case: detail ? c : `${c}NoReason` },
    });
  }

  /** A plain read (/object_info, /system_stats) for preflight; auth refusals throw like every other call. */
  async read(path: string, signal: AbortSignal): Promise<HttpReply> {
    return this.call('GET', path, signal);
  }

  /** The history entry of a prompt, or undefined while it has none (queued, running, or unknown). */
  async history(promptId: string, signal: AbortSignal): Promise<HistoryEntry | undefined> {
    const reply = await this.call('GET', `/history/${encodeURIComponent(promptId)}`, signal);
    if (reply.status !== 200) {
      throw new ShotlineError('REMOTE_UNREACHABLE', `ComfyUI answered HTTP ${reply.status} for /history.`, {
        params: { status: reply.status, path: '/history', case: 'comfyuiHttp' },
      });
    }
    const entry = (reply.json as Record<string, unknown> | undefined)?.[promptId];
    if (entry === undefined) return undefined;
    const parsed = HistoryEntrySchema.safeParse(entry);
    if (!parsed.success)
      throw new ShotlineError('REMOTE_TASK_FAILED', `ComfyUI's history for ${promptId} is unreadable.`, {
        params: { promptId, case: 'historyUnreadable' },
      });
    return parsed.data;
  }

  /** Where our prompt is in the server's queue right now. */
  async queueState(promptId: string, signal: AbortSignal): Promise<'running' | 'pending' | 'absent'> {
    const reply = await this.call('GET', '/queue', signal);
    const parsed = QueueSchema.safeParse(reply.json);
    if (reply.status !== 200 || !parsed.success) {
      throw new ShotlineError('REMOTE_UNREACHABLE', `ComfyUI answered HTTP ${reply.status} for /queue.`, {
        params: { status: reply.status, path: '/queue', case: 'comfyuiHttp' },
      });
    }
    // Queue items are [number, prompt_id, prompt, extra_data, outputs_to_execute].
    if (parsed.data.queue_running.some((item) => item[1] === promptId)) return 'running';
    if (parsed.data.queue_pending.some((item) => item[1] === promptId)) return 'pending';
    return 'absent';
  }

  /** Stops our prompt only: interrupt it if it is the one running, else take it out of the queue. */
  async cancel(promptId: string, signal: AbortSignal): Promise<'interrupted' | 'removed' | 'absent'> {
    const state = await this.queueState(promptId, signal);
    if (state === 'running') {
      // The prompt_id body makes newer servers interrupt only this prompt, should another start meanwhile.
      await this.call('POST', '/interrupt', signal, { prompt_id: promptId });
      return 'interrupted';
    }
    if (state === 'pending') {
      await this.call('POST', '/queue', signal, { delete: [promptId] });
      return 'removed';
    }
    return 'absent';
  }

  async download(file: FileRef, path: string, signal: AbortSignal, maxBytes: number): Promise<number> {
    const query = new URLSearchParams({
      filename: file.filename,
      subfolder: file.subfolder,
      type: file.type,
    });
    return downloadToFile(
      { ...this.endpoint, timeoutMs: Math.max(this.cfg.requestTimeoutMs, 60_000) },
      `${this.cfg.url}/view?${query.toString()}`,
      path,
      { headers: this.headers(), signal, maxBytes },
    );
  }
}
