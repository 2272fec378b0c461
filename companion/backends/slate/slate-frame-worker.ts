// Runs in a piscina worker thread: draws one frame of a slate card and moves its pixels back, uncopied.
import { move } from 'piscina';
import { SlatePainter, type SlateCard } from './slate-painter';

export interface FrameTask {
  /** One id per clip: the painter (and its card, drawn once) is kept for the clip's later frames. */
  clip: string;
  card: SlateCard;
  index: number;
}

/** Clips a worker keeps painters for: a few lanes' worth; the oldest is dropped first. */
const KEPT_PAINTERS = 8;
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
  return move(painterFor(task).render(task.index)) as Uint8Array;
}
