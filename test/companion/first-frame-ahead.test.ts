// The encoder asks for the first frame while ffmpeg starts: the frames still arrive once each and in order,
// and a source started for an ffmpeg that never ran is let go.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeClip } from '../../companion/media/encode';
import { encoders } from '../../companion/media/encoders';
import { FirstFrameAhead } from '../../companion/media/first-frame-ahead';

/** A source that counts what was asked of it and whether its cleanup ran. */
function countedSource(frames: number, bytes = 4) {
  const seen = { asked: 0, released: false };
  async function* source(): AsyncGenerator<Uint8Array> {
    try {
      for (let i = 0; i < frames; i++) {
        seen.asked++;
        yield new Uint8Array(bytes).fill(i);
      }
    } finally {
      seen.released = true;
    }
  }
  return { seen, frames: source() };
}

test('start() asks for the first frame at once; iterating then gets every frame once, in order', async () => {
  const { seen, frames } = countedSource(5);
  const ahead = new FirstFrameAhead(frames);
  expect(seen.asked).toBe(0);
  ahead.start();
  expect(seen.asked).toBe(1);
  const got: number[] = [];
  for await (const frame of ahead) got.push(frame[0]!);
  expect(got).toEqual([0, 1, 2, 3, 4]);
  expect(seen).toEqual({ asked: 5, released: true });
});

test('leaving the loop early lets the source go', async () => {
  const { seen, frames } = countedSource(5);
  const ahead = new FirstFrameAhead(frames);
  ahead.start();
  for await (const frame of ahead) if (frame[0] === 1) break;
  expect(seen).toEqual({ asked: 2, released: true });
});

test('close() after start() releases the source; before start() it asks nothing', async () => {
  const started = countedSource(3);
  const ahead = new FirstFrameAhead(started.frames);
  ahead.start();
  await ahead.close();
  expect(started.seen).toEqual({ asked: 1, released: true });

  const idle = countedSource(3);
  await new FirstFrameAhead(idle.frames).close();
  expect(idle.seen).toEqual({ asked: 0, released: false });
});

test('an ffmpeg that cannot be started: FFMPEG_MISSING, and the frames already asked for are let go', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shotline-first-frame-'));
  // Executable, so the locator takes it, but its interpreter does not exist: exec fails with ENOENT.
  const broken = join(dir, 'ffmpeg');
  writeFileSync(broken, '#!/no/such/interpreter\n');
  chmodSync(broken, 0o755);
  const { seen, frames } = countedSource(24, 16 * 16 * 4);
  process.env.SHOTLINE_FFMPEG = broken;
  try {
    const fps = { num: 24, den: 1 };
    const encoding = encodeClip(
      { kind: 'frames', width: 16, height: 16, fps, frameCount: 24, frames },
      { width: 16, height: 16, fps, frames: 24, fit: 'fit', rateMode: 'duplicate' },
      encoders.h264,
      join(dir, 'out.mp4'),
      { signal: new AbortController().signal },
    );
    await expect(encoding).rejects.toMatchObject({
      code: 'FFMPEG_MISSING',
      params: { case: 'notStarted' },
    });
  } finally {
    delete process.env.SHOTLINE_FFMPEG;
  }
  expect(seen.released).toBe(true);
  expect(seen.asked).toBe(1);
});
