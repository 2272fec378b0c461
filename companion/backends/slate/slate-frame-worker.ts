// Runs in a piscina worker thread: draws one frame of a slate card and moves its pixels back, uncopied.
import { move } from 'piscina';
import type { FramePixelFormat } from '../../media/generated-media';
import { SlatePainter, type SlateCard } from './slate-painter';

export interface FrameTask {
  /** One id per clip: the painter (and its card, drawn once) is kept for the clip's later frames. */
  clip: string;
  card: SlateCard;
  index: number;
  format: FramePixelFormat;
  /** yuv420p: the buffer to draw into, moved here from the main thread and moved back with the frame. */
  out?: ArrayBuffer;
}

/**
 * Clips a worker keeps painters for (the frame's and the card's canvases, the kept frame in RGBA and yuv420p,
 * the hand's canvas and its tiles: ~20 MB at 720p, ~160 MB at 4K): a few lanes' worth, the oldest dropped
 * first.
 */
const KEPT_PAINTERS = 4;
const painters = new Map<string, SlatePainter>();

function painterFor(task: FrameTask): SlatePainter {
  let painter = painters.get(task.clip);
  if (!painter) {
    painter = new SlatePainter(task.card);
    painters.set(task.clip, painter);
    if (painters.size > KEPT_PAINTERS) {
      const oldest = painters.keys().next().value!;
      painters.get(oldest)!.release();
      painters.delete(oldest);
    }
  }
  return painter;
}

export default function drawFrame(task: FrameTask): Uint8Array {
  const painter = painterFor(task);
  // render() returns a buffer of its own and a yuv420p frame is drawn into the buffer the task brought, so
  // handing either's memory to the main thread is safe.
  const frame =
    task.format === 'yuv420p' && task.out
      ? painter.renderYuv420(task.index, new Uint8Array(task.out))
      : painter.render(task.index);
  // The last frame is asked for last: the clip needs no painter after it (other threads drop theirs as newer
  // clips come, or with the thread when it idles out).
  if (task.index === task.card.frames - 1) {
    painters.delete(task.clip);
    painter.release();
  }
  return move(frame) as Uint8Array;
}
