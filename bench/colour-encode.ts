// The explicit BT.709 conversion and tags against ffmpeg's implicit default conversion, same frames, same run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RawFrameSource } from '../companion/backends/backend';
import { FRAME_COLOUR } from '../companion/media/colour';
import { buildFfmpegArgs } from '../companion/media/encode';
import { encoders, type EncoderName } from '../companion/media/encoders';
import { locateTool } from '../companion/media/tool-locator';
import { median, type BenchRow } from './table';

const W = 1280;
const H = 720;
const FRAMES = 81;
const FPS = { num: 16, den: 1 };

/** 81 frames of 720p, Wan's native clip, encoded once each way per run, alternating. */
export function benchColourEncode(codecs: EncoderName[] = ['h264', 'prores-lt'], runs = 3): BenchRow[] {
  const dir = mkdtempSync(join(tmpdir(), 'shotline-bench-colour-'));
  try {
    // A smooth gradient frame: cheap to make, real work for the encoder and the conversion.
    const frame = Buffer.alloc(W * H * 4);
    for (let p = 0; p < W * H; p++) frame.set([(p % W) / 5, (p / W / 3) % 256, 128, 255], p * 4);
    const input = Buffer.concat(Array.from({ length: FRAMES }, () => frame));
    const ffmpeg = locateTool('ffmpeg');
    return codecs.map((codec) => {
      const encoder = encoders[codec];
      const out = join(dir, `out${encoder.extension}`);
      const media: RawFrameSource = {
        kind: 'frames',
        width: W,
        height: H,
        fps: FPS,
        frameCount: FRAMES,
        frames: (async function* () {})(),
      };
      const target = {
        width: W,
        height: H,
        fps: FPS,
        frames: FRAMES,
        fit: 'fit' as const,
        rateMode: 'duplicate' as const,
      };
      const ours = buildFfmpegArgs(media, target, encoder, out, FRAME_COLOUR);
      // What Shotline did before: the encoder's own arguments, ffmpeg's implicit BT.601 conversion, no tags.
      const implicit = [
        ...['-hide_banner', '-loglevel', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgba'],
        ...['-s', `${W}x${H}`, '-framerate', '16', '-i', 'pipe:0', '-an', '-frames:v', String(FRAMES)],
        ...encoder
          .outputArgs(FPS)
          .filter((a, i, all) => a !== '-x264-params' && all[i - 1] !== '-x264-params'),
        out,
      ];
      const time = (args: string[]) => {
        const t = performance.now();
        execFileSync(ffmpeg, args, { input, maxBuffer: 16 * 1024 * 1024 });
        return performance.now() - t;
      };
      const baseline: number[] = [];
      const explicit: number[] = [];
      for (let i = 0; i < runs; i++) {
        baseline.push(time(implicit));
        explicit.push(time(ours));
      }
      return {
        name: `${encoder.label} 81 f 1280x720: explicit BT.709 + tags`,
        ms: median(explicit),
        baseline: "ffmpeg's implicit conversion, untagged",
        baselineMs: median(baseline),
        note: `median of ${runs}, alternating; frames piped from memory; one zscale pass into the encoder's format`,
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
