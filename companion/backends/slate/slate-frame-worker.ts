// Runs in a piscina worker thread: draws one frame of a slate card and moves its pixels back, uncopied.
import { move } from 'piscina';
import { SlatePainter, type SlateCard } from './slate-painter';

export interface FrameTask {
  /** One id per clip: the painter (and its card, drawn once) is kept for the clip's later frames. */
  clip: string;
  card: SlateCard;
  index: number;
}

/**
 * Clips a worker keeps painters for (two canvases and the card's pixels each: ~11 MB at 720p, ~100 MB at
 * 4K): a few lanes' worth, the oldest dropped first.
 */
const KEPT_PAINTERS = 4;
const painters = new Map<string, SlatePainter>();

function painterFor(task: FrameTask): SlatePainter {
  let painter = painters.get(task.clip);
  if (!painter) {
    painter = new SlatePainter(task.card);
    painters.set(task.clip, painter);
    if (painters.size > KEPT_PAINTERS) painters.delete(painters.keys().next().value!);
  }
  return painter;
}

export default function drawFrame(task: FrameTask): Uint8Array {
  // render() returns a buffer of its own, so handing its memory to the main thread is safe.
  const frame = painterFor(task).render(task.index);
  // The last frame is asked for last: the clip needs no painter after it (other threads drop theirs as newer
  // clips come, or with the thread when it idles out).
  if (task.index === task.card.frames - 1) painters.delete(task.clip);
  return move(frame) as Uint8Array;
}
