// Polls one DashScope task until it ends: growing intervals, tolerance for brief network trouble.
import type { Logger } from 'pino';
import { ShotlineError } from '../../../shared/protocol';
import type { GenerationContext } from '../backend';
import { sleep } from '../remote/backoff';
import { MODERATION_CODE, type DashScopeClient, type TaskOutput } from './dashscope-client';
import type { ResolvedDashScope } from './dashscope-settings';

// Consecutive failed polls we sit out: the task keeps running on the service meanwhile.
const MAX_POLL_FAILURES = 4;

/** States after which the task can never change again (UNKNOWN: expired or never existed). */
export const FINAL_STATES: ReadonlySet<string> = new Set(['SUCCEEDED', 'FAILED', 'CANCELED', 'UNKNOWN']);

/** Resolves with the video URL of a SUCCEEDED task; throws a coded error for every other ending. */
export async function waitForTask(
  client: DashScopeClient,
  cfg: ResolvedDashScope,
  taskId: string,
  ctx: GenerationContext,
  resumed: boolean,
  log: Logger | undefined,
  /** Told every status read, so the caller knows whether the task is final or still PENDING when it stops. */
  onStatus: (status: string) => void = () => undefined,
): Promise<string> {
  const started = Date.now();
  let runningSince: number | undefined;
  let interval = cfg.pollIntervalMs;
  let failures = 0;
  // A resumed task may have finished while we were away: look at once.
  let wait = resumed ? 0 : interval;
  for (;;) {
    await sleep(wait, ctx.signal);
    if (Date.now() - started > cfg.maxTaskWaitMs) {
      throw new ShotlineError(
        'REMOTE_TIMEOUT',
        `DashScope task ${taskId} had not finished after ${Math.round(cfg.maxTaskWaitMs / 60_000)} min; retry the job to keep waiting for the same task.`,
        { params: { taskId, minutes: Math.round(cfg.maxTaskWaitMs / 60_000), case: 'task' } },
      );
    }
    let task: TaskOutput;
    try {
      task = await client.getTask(taskId, ctx.signal);
      failures = 0;
    } catch (err) {
      const transient =
        err instanceof ShotlineError && (err.code === 'REMOTE_UNREACHABLE' || err.code === 'REMOTE_TIMEOUT');
      if (!transient || ++failures > MAX_POLL_FAILURES) throw err;
      log?.warn({ taskId, code: err.code, failures }, 'dashscope poll failed; trying again');
      wait = interval;
      continue;
    }
    onStatus(task.task_status);
    switch (task.task_status) {
      case 'RUNNING': {
        runningSince ??= Date.now();
        // The service reports no steps: move the bar on elapsed time, never past the last step.
        const total = cfg.expectedSeconds;
        const step = Math.min(total - 1, Math.floor((Date.now() - runningSince) / 1000));
        ctx.onProgress({ phase: 'generating', step, total });
        break;
      }
      case 'SUCCEEDED':
        if (!task.video_url) {
          throw new ShotlineError(
            'REMOTE_TASK_FAILED',
            `DashScope task ${taskId} succeeded but gave no video URL.`,
            { params: { taskId, case: 'noVideoUrl' } },
          );
        }
        return task.video_url;
      case 'FAILED':
        throw failedTask(client, taskId, task);
      case 'CANCELED':
        throw new ShotlineError(
          'REMOTE_TASK_FAILED',
          `DashScope task ${taskId} was cancelled on the service.`,
          { params: { taskId, case: 'cancelledRemote' } },
        );
      case 'UNKNOWN':
        throw new ShotlineError(
          'REMOTE_TASK_EXPIRED',
          `DashScope no longer knows task ${taskId} (task ids live 24 hours); retry the job to start a new one.`,
          { params: { taskId } },
        );
      default:
        // PENDING, SUSPENDED (paused by the service) and any state newer than these docs: still in progress.
        if (task.task_status !== 'PENDING' && task.task_status !== 'SUSPENDED') {
          log?.warn({ taskId, status: task.task_status }, 'dashscope: unknown task status; still waiting');
        }
        ctx.onProgress({ phase: 'queued', step: 0, total: 0 });
    }
    wait = interval;
    interval = Math.min(cfg.maxPollIntervalMs, Math.round(interval * 1.5));
  }
}

function failedTask(client: DashScopeClient, taskId: string, task: TaskOutput): ShotlineError {
  const said = client.endpoint.redactor.redact(
    [task.code, task.message].filter(Boolean).join(': ') || 'no reason given',
  );
  if (task.code && MODERATION_CODE.test(task.code)) {
    return new ShotlineError(
      'REMOTE_REFUSED',
      `DashScope's content check refused task ${taskId} (${said}). Reword the shot description and try again.`,
      { params: { taskId, said, case: 'contentCheckTask' } },
    );
  }
  return new ShotlineError('REMOTE_TASK_FAILED', `DashScope task ${taskId} failed: ${said}.`, {
    params: { taskId, said, case: 'dashscopeFailed' },
  });
}
