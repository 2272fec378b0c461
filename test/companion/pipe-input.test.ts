// Raw frames on ffmpeg's stdin are read on an input thread of their own (pipe-input.ts): the clip's bytes are
// those of the single-input command, and the read-ahead queue stays within its memory bound.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SlatePainter } from '../../companion/backends/slate/slate-painter';
import { buildFfmpegArgs, encodeClip } from '../../companion/media/encode';
import { encoders } from '../../companion/media/encoders';
import { frameBytes, type GeneratedMedia } from '../../companion/media/generated-media';
import { OUTPUT_COLOUR } from '../../companion/media/colour';
import { readAheadFrames } from '../../companion/media/pipe-input';
import { locateTool } from '../../companion/media/tool-locator';
import { yuv420Bytes } from '../../companion/media/yuv420';

const W = 640;
const H = 360;
const FRAMES = 12;
const fps = { num: 24, den: 1 };
const target = { width: W, height: H, fps, frames: FRAMES, fit: 'fit', rateMode: 'duplicate' } as const;

function framesMedia(frames: AsyncIterable<Uint8Array>): GeneratedMedia {
  return { kind: 'frames', width: W, height: H, fps, frameCount: FRAMES, pixelFormat: 'yuv420p', frames };
}

/** Where `flag value` pairs sit in `args`: the inputs are told apart by their `-i`. */
const inputsOf = (args: string[]) => args.flatMap((arg, i) => (arg === '-i' ? [args[i + 1]!] : []));

describe('piped frames input', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shotline-pipe-input-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the pipe is one of two inputs, so ffmpeg reads it on a thread, and only its video is mapped', () => {
    const none = (async function* () {})();
    const args = buildFfmpegArgs(framesMedia(none), target, encoders.h264, 'out.mp4', OUTPUT_COLOUR);
    expect(inputsOf(args)).toHaveLength(2);
    expect(inputsOf(args)[0]).toBe('pipe:0');
    const map = args.indexOf('-map');
    expect(args.slice(map, map + 2)).toEqual(['-map', '0:v:0']);
    expect(args.indexOf('-thread_queue_size')).toBeLessThan(args.indexOf('pipe:0'));
  });

  test('the queue holds at least two frames and about 48 MiB at most', () => {
    const cap = 48 * 2 ** 20;
    for (const [format, w, h] of [
      ['yuv420p', 1280, 720],
      ['yuv420p', 1920, 1080],
      ['yuv420p', 3840, 2160],
      ['rgba', 3840, 2160],
      ['rgba', 320, 180],
    ] as const) {
      const frames = readAheadFrames(format, w, h);
      const bytes = frameBytes(format, w, h);
      expect(frames).toBeGreaterThanOrEqual(2);
      expect(frames).toBeLessThanOrEqual(32);
      // As many as fit under the cap, unless the floor or ceiling says otherwise.
      if (frames > 2) expect(frames * bytes).toBeLessThanOrEqual(cap);
      if (frames < 32) expect((frames + 1) * bytes).toBeGreaterThan(cap);
    }
  });

  test('the clip is byte for byte the one the single-input command makes from the same frames', async () => {
    const painter = new SlatePainter({
      width: W,
      height: H,
      fps,
      frames: FRAMES,
      shotId: 'PIPE',
      take: 1,
      description: 'A courier crosses the square in the rain.',
      seed: 3,
      label: 'AI PREVIZ DRAFT',
    });
    const frames = Array.from({ length: FRAMES }, (_, i) =>
      painter.renderYuv420(i, new Uint8Array(yuv420Bytes(W, H))),
    );
    const piped = join(dir, 'piped.mp4');
    await encodeClip(
      framesMedia(
        (async function* () {
          yield* frames;
        })(),
      ),
      target,
      encoders.h264,
      piped,
      { signal: new AbortController().signal },
    );
    // The command as it was before the second input: the frames from a file, the one input, nothing mapped.
    const raw = join(dir, 'frames.yuv');
    writeFileSync(raw, Buffer.concat(frames));
    const none = (async function* () {})();
    const args = buildFfmpegArgs(
      framesMedia(none),
      target,
      encoders.h264,
      join(dir, 'single.mp4'),
      OUTPUT_COLOUR,
    );
    const lavfi = args.indexOf('lavfi');
    const queue = args.indexOf('-thread_queue_size');
    const single = args
      .filter((_, i) => !(i >= lavfi - 1 && i <= lavfi + 4) && i !== queue && i !== queue + 1)
      .filter((arg, i, all) => arg !== '-map' && all[i - 1] !== '-map')
      .map((arg) => (arg === 'pipe:0' ? raw : arg));
    expect(inputsOf(single)).toEqual([raw]);
    execFileSync(locateTool('ffmpeg'), single);
    const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
    expect(sha(piped)).toBe(sha(join(dir, 'single.mp4')));
  }, 60_000);
});
