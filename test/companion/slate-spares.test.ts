// A painter draws on the card canvas and hand tiles an earlier clip of its size gave back: the frames are the
// ones fresh canvases give, and a released painter draws nothing more.
import { createHash } from 'node:crypto';
import {
  releaseSpareSurfaces,
  SlatePainter,
  type SlateCard,
} from '../../companion/backends/slate/slate-painter';
import { spareCount } from '../../companion/util/spare-pool';

const card = (seed: number, description: string, frames = 60): SlateCard => ({
  width: 1280,
  height: 720,
  fps: { num: 24, den: 1 },
  frames,
  shotId: `S${seed}-01`,
  take: 1,
  sceneHeading: 'EXT. HARBOUR - DAWN',
  description,
  seed,
  label: 'AI PREVIZ DRAFT',
});

/** Every frame's yuv420p, then two RGBA frames (one under a copied hand), as hashes. */
function clipHashes(painter: SlatePainter, frames: number): string[] {
  const hashes: string[] = [];
  for (let i = 0; i < frames; i++) hashes.push(createHash('sha256').update(painter.yuv420(i)).digest('hex'));
  for (const i of [frames - 1, 30]) hashes.push(createHash('sha256').update(painter.render(i)).digest('hex'));
  return hashes;
}

afterEach(() => releaseSpareSurfaces());

test('a clip drawn on an earlier clip’s card and tiles is the clip fresh canvases draw', () => {
  releaseSpareSurfaces();
  const fresh = new SlatePainter(card(7, 'The ferry pulls away; gulls lift off the rail.'));
  const expected = clipHashes(fresh, 60);
  releaseSpareSurfaces();

  // Another shot's clip, with other text and another tint, leaves its canvas and its tiles behind.
  const earlier = new SlatePainter(
    card(311, 'A long, long line of text that wraps over several lines. '.repeat(3)),
  );
  clipHashes(earlier, 60);
  earlier.release();
  // The card's canvas, the hand's tiles, and the kept frame's RGBA and yuv420p planes.
  expect(spareCount()).toBe(3);

  const reused = new SlatePainter(card(7, 'The ferry pulls away; gulls lift off the rail.'));
  const hashes = clipHashes(reused, 60);
  // All three were taken again: nothing fresh was made.
  expect(spareCount()).toBe(0);
  expect(hashes).toEqual(expected);
});

test('a released painter refuses to draw, and releasing twice gives back once', () => {
  const painter = new SlatePainter(card(3, 'Rain on the window.', 24));
  painter.yuv420(0);
  painter.release();
  painter.release();
  expect(spareCount()).toBe(3);
  expect(() => painter.yuv420(1)).toThrow(/released/);
  expect(() => painter.render(1)).toThrow(/released/);
  expect(() => painter.snapshot(1)).toThrow(/released/);
});
