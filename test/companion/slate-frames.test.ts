// Slate frames drawn on worker threads and read back per rectangle: the very bytes the whole-canvas,
// main-thread slate gave, and no more frames drawn ahead than the encoder can take.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ShotRequestSchema, type ShotRequestInput } from '../../shared/protocol';
import { SlateBackend } from '../../companion/backends/slate/slate-backend';
import { SlateFramePool } from '../../companion/backends/slate/slate-frame-pool';
import { SlatePainter, type SlateCard } from '../../companion/backends/slate/slate-painter';
import { Companion } from '../../companion/companion';
import { waitForJobs } from '../../companion/cli/run-jobs';

const card = (width: number, height: number, frames = 30): SlateCard => ({
  width,
  height,
  fps: { num: 30000, den: 1001 },
  frames,
  shotId: 'S12-07',
  take: 3,
  sceneHeading: 'EXT. ROOFTOP - NIGHT',
  description: 'Kai leaps from the edge and lands on the next roof. 凯从边缘跃起，落在下一个屋顶上。',
  seed: 4242,
  label: 'AI PREVIZ DRAFT',
});

const shot = (width: number, height: number, frames: number): ShotRequestInput => ({
  shotId: 'S1-01',
  prompt: 'Kai leaps from the edge and lands on the next roof.',
  sceneHeading: 'EXT. ROOF - NIGHT',
  duration: { frames },
  fps: { num: 24, den: 1 },
  size: { width, height },
  seed: 11,
  backend: 'slate',
});

async function collect(frames: AsyncIterable<Uint8Array>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const frame of frames) out.push(Buffer.from(frame));
  return out;
}

async function framesOf(backend: SlateBackend, width: number, height: number, frames: number) {
  const result = await backend.generate(
    { shot: ShotRequestSchema.parse(shot(width, height, frames)), take: 1, seed: 11, frames },
    {
      signal: new AbortController().signal,
      onProgress: () => undefined,
      checkpoint: { read: () => undefined, write: () => undefined },
      workDir: tmpdir(),
    },
  );
  if (result.media.kind !== 'frames') throw new Error('the slate gives frames');
  return collect(result.media.frames);
}

describe('slate painter', () => {
  // Landscape, portrait, square, 4K and the tiny sizes where text outgrows its rectangle.
  test.each([
    [1280, 720],
    [720, 1280],
    [624, 624],
    [3840, 2160],
    [480, 270],
    [320, 180],
    [128, 72],
  ])('%ix%i: each frame read back per rectangle equals the whole canvas read back', (w, h) => {
    const painter = new SlatePainter(card(w, h));
    // Another painter draws every frame whole on one canvas, in the same order (tiny frames keep traces).
    const whole = new SlatePainter(card(w, h));
    // A whole 4K readback is slow: every seventh frame there, still crossing a second's turn of the hand.
    const step = w * h > 2_000_000 ? 7 : 1;
    for (let i = 0; i < 30; i += step) {
      const frame = painter.render(i);
      expect([i, Buffer.from(frame).equals(Buffer.from(whole.snapshot(i)))]).toEqual([i, true]);
    }
  });

  test('the counter carrying digits and the timecode turning a minute: only the changed runs are read back', () => {
    // 1500 frames at 24 fps: "FRAME 0099 / 1500" to "0100", and 00:00:59:23 to 00:01:00:00 at frame 1440.
    const long = { ...card(640, 360, 1500), fps: { num: 24, den: 1 } };
    const painter = new SlatePainter(long);
    const whole = new SlatePainter(long);
    for (const i of [94, 1434].flatMap((from) => [...Array(12).keys()].map((k) => from + k))) {
      const frame = painter.render(i);
      expect([i, Buffer.from(frame).equals(Buffer.from(whole.snapshot(i)))]).toEqual([i, true]);
    }
  });

  test('a frame is a buffer of its own: the next one does not overwrite it', () => {
    const painter = new SlatePainter(card(640, 360));
    const first = Buffer.from(painter.render(0));
    const kept = painter.render(0);
    painter.render(20);
    expect(Buffer.from(kept).equals(first)).toBe(true);
  });
});

describe('slate frames on worker threads', () => {
  const backends: SlateBackend[] = [];
  const made = (drawThreads: number) => {
    const backend = new SlateBackend({ drawThreads });
    backends.push(backend);
    return backend;
  };
  afterAll(() => Promise.all(backends.map((b) => b.dispose())));

  test('two threads give the bytes of the main thread, in order', async () => {
    const inThread = await framesOf(made(0), 640, 360, 40);
    const pooled = await framesOf(made(2), 640, 360, 40);
    expect(pooled).toHaveLength(40);
    expect(pooled.map((f, i) => [i, f.equals(inThread[i]!)])).toEqual(inThread.map((_, i) => [i, true]));
  });

  test('tiny frames stay on the main thread and come out as before', async () => {
    const inThread = await framesOf(made(0), 128, 72, 24);
    const pooled = await framesOf(made(2), 128, 72, 24);
    expect(pooled.every((f, i) => f.equals(inThread[i]!))).toBe(true);
  });

  test('only a few frames are drawn ahead of a consumer that stops taking them', async () => {
    const pool = new SlateFramePool(2);
    try {
      const controller = new AbortController();
      const frames = pool.frames(card(1280, 720, 200), controller.signal);
      await frames.next();
      await new Promise((resolve) => setTimeout(resolve, 500));
      // Two threads keep at most four frames ahead: the first one taken, four more, and nothing else.
      expect(pool.framesDrawn).toBeLessThanOrEqual(5);
      controller.abort();
      expect((await frames.next()).done).toBe(true);
    } finally {
      await pool.destroy();
    }
  });

  test('drawThreads must be a whole number', () => {
    expect(() => new SlateBackend({ drawThreads: -1 })).toThrow(
      'slate: option "drawThreads" must be a whole number of 0 or more, got -1',
    );
  });
});

describe('slate clips', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shotline-slate-frames-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const clip = async (drawThreads: number) => {
    const companion = new Companion({ outputDir: dir, backendSettings: { slate: { drawThreads } } });
    try {
      const outPath = join(dir, `threads-${drawThreads}.mp4`);
      const jobs = companion.submit([ShotRequestSchema.parse(shot(640, 360, 48))], {
        ownerId: 'test',
        outPath,
      });
      const result = await waitForJobs(companion, jobs, () => undefined);
      expect(result.failed).toEqual([]);
      return createHash('sha256').update(readFileSync(outPath)).digest('hex');
    } finally {
      await companion.close();
    }
  };

  test('a clip drawn on worker threads is byte for byte the clip drawn on the main thread', async () => {
    expect(await clip(2)).toBe(await clip(0));
  }, 60_000);
});
