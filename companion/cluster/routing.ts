// Which BullMQ queue a shot goes to: one per backend and model, so a 5B worker never gets an A14B job.
import type { ShotRequest } from '../../shared/protocol';

export const DEFAULT_MODEL = 'default';
export const QUEUE_PREFIX = 'shotline';

export function queueNameFor(backend: string, model: string = DEFAULT_MODEL): string {
  return `${backend}.${model}`;
}

export function queueNameForShot(shot: ShotRequest): string {
  return queueNameFor(shot.backend, shot.model ?? DEFAULT_MODEL);
}

/**
 * BullMQ runs lower numbers first. Batch renders sit behind every interactive shot, and within a class a
 * job's place is its owner's backlog: one editor's 200-shot batch interleaves with others, never starves them.
 */
export function priorityFor(shot: ShotRequest, ownerBacklog: number): number {
  const base = shot.priority === 'batch' ? 1_000_000 : 1;
  return Math.min(2_097_151, base + ownerBacklog);
}

export const CANCEL_CHANNEL = `${QUEUE_PREFIX}.cancel`;
export const WORKER_KEY_PREFIX = `${QUEUE_PREFIX}.worker.`;
