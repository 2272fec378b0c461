// Conform at the media stage: backend-native 832x480@16 frames become exact 1080p 23.976 clips, every mode.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RawFrameSource } from '../../companion/backends/backend';
import type { FitMode, RateMode } from '../../companion/media/conform-plan';
import { encodeClip } from '../../companion/media/encode';
import { encoders, type EncoderName } from '../../companion/media/encoders';
import { locateTool } from '../../companion/media/tool-locator';
import { probeClip } from '../support/ffprobe';

const SOURCE = { width: 832, height: 480, fps: { num: 16, den: 1 } };
const TARGET_FPS = { num: 24000, den: 1001 };
// Odd on purpose: 67 frames at 23.976 is 2.794 s, which 16 fps cannot hit on a frame boundary.
const FRAMES = 67;

/** A Wan-native clip: enough 16 fps frames to cover the target length, a solid colour changing per frame. */
function nativeFrames(): RawFrameSource {
  const frameCount = Math.ceil(
    (FRAMES * SOURCE.fps.num * TARGET_FPS.den) / (SOURCE.fps.den * TARGET_FPS.num),
  );
  async function* frames() {
    for (let i = 0; i < frameCount; i += 1) {
      const frame = new Uint8Array(SOURCE.width * SOURCE.height * 4);
      for (let p = 0; p < frame.length; p += 4) frame.set([200, (i * 5) % 256, 60, 255], p);
      yield frame;
    }
  }
  return { kind: 'frames', ...SOURCE, frameCount, frames: frames() };
}

/** Mean brightness of an 8x8 patch at the left edge, mid-height, of the first frame (black bars show as ~0). */
function leftEdgeLuma(path: string): number {
  const raw = execFileSync(locateTool('ffmpeg'), [
    ...['-v', 'error', '-i', path, '-vf', 'crop=8:8:4:536', '-frames:v', '1'],
    ...['-f', 'rawvideo', '-pix_fmt', 'gray', '-'],
  ]);
  return raw.reduce((sum, v) => sum + v, 0) / raw.length;
}

const CASES: [RateMode, FitMode, EncoderName][] = [
  ['duplicate', 'fit', 'h264'],
  ['blend', 'fill', 'h264'],
  ['duplicate', 'stretch', 'prores-proxy'],
  ['blend', 'fit', 'prores-lt'],
];

describe('conform 832x480@16 to 1920x1080@23.976', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shotline-conform-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(CASES)('%s / %s / %s: exact frame count, size, rate and codec', async (rateMode, fit, codec) => {
    const encoder = encoders[codec];
    const out = join(dir, `${rateMode}-${fit}-${codec}${encoder.extension}`);
    const target = { width: 1920, height: 1080, fps: TARGET_FPS, frames: FRAMES, fit, rateMode };
    await encodeClip(nativeFrames(), target, encoder, out, { signal: new AbortController().signal });
    expect(probeClip(out)).toEqual({
      codec: encoder.codecName,
      width: 1920,
      height: 1080,
      rate: '24000/1001',
      frames: FRAMES,
    });
    // 832x480 is narrower than 16:9: fit pads the sides black; fill and stretch cover the whole frame,
    // whose (200, 0, 60) has a BT.709 luma of 47.
    const edge = leftEdgeLuma(out);
    if (fit === 'fit') expect(edge).toBeLessThan(24);
    else expect(edge).toBeGreaterThan(36);
  });
});
