// Waits for one ComfyUI prompt: socket events for progress and errors, /history as the source of truth.
import type { Logger } from 'pino';
import { ShotlineError } from '../../../shared/protocol';
import type { GenerationContext } from '../backend';
import { cancelledError } from '../remote/backoff';
import type { ComfyClient } from './comfy-client';
import type { HistoryEntry } from './comfy-output';
import { ComfySocket, type ComfyEvent } from './comfy-socket';
import type { ResolvedComfyUI } from './comfyui-settings';
import { executionStopped } from './node-errors';

export class PromptWatch {
  private socket?: ComfySocket;
  private promptId?: string;
  private early: ComfyEvent[] = [];
  private failure?: ShotlineError;
  private wake?: () => void;
  private readonly stepsByNode = new Map<string, { value: number; max: number }>();
  private lastContact = Date.now();
  /** Set once the result is taken: late frames (a resumed run's replay, stray progress) must not move the bar back. */
  private taken = false;

  constructor(
    private readonly client: ComfyClient,
    private readonly cfg: ResolvedComfyUI,
    private readonly ctx: GenerationContext,
    /** Sampling steps of the whole graph when known, so two samplers fill one bar. */
    private readonly totalSteps: number | undefined,
    private readonly log: Logger | undefined,
  ) {}

  /** Opens the socket before the prompt is sent, so no early event is missed. */
  async open(clientId: string): Promise<void> {
    this.socket = new ComfySocket({
      wsUrl: this.cfg.wsUrl,
      clientId,
      headers: this.client.headers(),
      reconnectMs: this.cfg.reconnectMs,
      onEvent: (event) => this.onEvent(event),
      onOpen: () => this.poke(),
      log: this.log,
    });
    await this.socket.start();
  }

  close(): void {
    this.socket?.close();
  }

  private poke(): void {
    this.wake?.();
  }

  private fail(error: ShotlineError): void {
    this.failure ??= error;
    this.poke();
  }

  private onEvent(event: ComfyEvent): void {
    if (this.taken) return;
    if (!this.promptId) {
      this.early.push(event);
      return;
    }
    const pid = event.data.prompt_id;
    if (pid !== undefined && pid !== this.promptId) return;
    switch (event.type) {
      case 'execution_start':
        this.ctx.onProgress({ phase: 'loading', step: 0, total: this.totalSteps ?? 0 });
        break;
      case 'progress': {
        const { value, max, node } = event.data;
        if (typeof value !== 'number' || typeof max !== 'number') break;
        this.stepsByNode.set(String(node ?? ''), { value, max });
        const seen = [...this.stepsByNode.values()];
        const total = this.totalSteps ?? seen.reduce((sum, s) => sum + s.max, 0);
        const step = Math.min(
          total,
          seen.reduce((sum, s) => sum + s.value, 0),
        );
        this.ctx.onProgress({ phase: 'generating', step, total });
        break;
      }
      case 'executing':
        // node null: this prompt is finished and its history is written.
        if (event.data.node === null) this.poke();
        break;
      case 'execution_success':
        this.poke();
        break;
      case 'execution_error':
        this.fail(executionStopped(event.data));
        break;
      case 'execution_interrupted':
        if (!this.ctx.signal.aborted) {
          this.fail(
            new ShotlineError(
              'REMOTE_TASK_FAILED',
              `ComfyUI interrupted prompt ${this.promptId} (someone stopped it on the server); retry the job.`,
              { params: { promptId: this.promptId, case: 'interrupted' } },
            ),
          );
        }
        break;
    }
  }

  /** Resolves with the finished prompt's history entry; throws a coded error for every other ending. */
  async wait(promptId: string): Promise<HistoryEntry> {
    this.promptId = promptId;
    for (const event of this.early.splice(0)) this.onEvent(event);
    const started = Date.now();
    for (;;) {
      if (this.ctx.signal.aborted) throw cancelledError();
      if (this.failure) throw this.failure;
      if (Date.now() - started > this.cfg.maxWaitMs) {
        throw new ShotlineError(
          'REMOTE_TIMEOUT',
          `ComfyUI prompt ${promptId} had not finished after ${Math.round(this.cfg.maxWaitMs / 60_000)} min.`,
          { params: { promptId, minutes: Math.round(this.cfg.maxWaitMs / 60_000), case: 'comfyui' } },
        );
      }
      try {
        const entry = await this.check(promptId);
        if (entry) {
          this.taken = true;
          return entry;
        }
      } catch (err) {
        const transient =
          err instanceof ShotlineError &&
          (err.code === 'REMOTE_UNREACHABLE' || err.code === 'REMOTE_TIMEOUT');
        if (!transient) throw err;
        const silentFor = Date.now() - Math.max(this.lastContact, this.socket?.lastContact ?? 0);
        if (silentFor > this.cfg.unreachableAfterMs && !this.socket?.connected) {
          throw new ShotlineError(
            'REMOTE_UNREACHABLE',
            `ComfyUI at ${this.cfg.url} stopped answering while prompt ${promptId} was running (${err.message}) — is the server down? Retry the job once it is back.`,
            { params: { url: this.cfg.url, promptId, detail: err.message, case: 'comfyuiDown' } },
          );
        }
        this.log?.debug({ promptId, code: err.code }, 'comfyui: server not answering; waiting');
      }
      await this.pause();
    }
  }

  /** One look at /history (and /queue when history is empty). */
  private async check(promptId: string): Promise<HistoryEntry | undefined> {
    const entry = await this.client.history(promptId, this.ctx.signal);
    this.lastContact = Date.now();
    if (entry) return finished(promptId, entry);
    if ((await this.client.queueState(promptId, this.ctx.signal)) !== 'absent') return undefined;
    // It may have finished between the two reads.
    const late = await this.client.history(promptId, this.ctx.signal);
    if (late) return finished(promptId, late);
    throw new ShotlineError(
      'REMOTE_TASK_EXPIRED',
      `ComfyUI no longer knows prompt ${promptId} (the server restarted or its queue was cleared); retry the job.`,
      { params: { promptId, case: 'comfyui' } },
    );
  }

  private pause(): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.ctx.signal.removeEventListener('abort', onAbort);
        this.wake = undefined;
      };
      const onAbort = () => {
        done();
        reject(cancelledError());
      };
      const timer = setTimeout(() => {
        done();
        resolve();
      }, this.cfg.historyPollMs);
      this.wake = () => {
        done();
        resolve();
      };
      this.ctx.signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** A history entry that records an error becomes the matching coded error. */
function finished(promptId: string, entry: HistoryEntry): HistoryEntry | undefined {
  if (entry.status?.status_str !== 'error') return entry.status?.completed === false ? undefined : entry;
  for (const [type, data] of entry.status.messages) {
    if (type === 'execution_error') {
      throw executionStopped(data);
    }
    if (type === 'execution_interrupted') {
      throw new ShotlineError(
        'REMOTE_TASK_FAILED',
        `ComfyUI interrupted prompt ${promptId} on the server; retry the job.`,
        { params: { promptId, case: 'interrupted' } },
      );
    }
  }
  throw new ShotlineError('REMOTE_TASK_FAILED', `ComfyUI reports prompt ${promptId} failed.`, {
    params: { promptId, case: 'comfyuiFailed' },
  });
}
