// The explicit BT.709 conversion and tags against ffmpeg's implicit default conversion, same input, same run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GeneratedMedia } from '../companion/backends/backend';
import { fileColourPlan, FRAME_COLOUR } from '../companion/media/colour';
import { conformFilter } from '../companion/media/conform-plan';
import { draftLabelFilter } from '../companion/media/draft-label';
import { buildFfmpegArgs, type EncodeTarget } from '../companion/media/encode';
import { encoders, type Encoder, type EncoderName } from '../companion/media/encoders';
import { locateTool } from '../companion/media/tool-locator';
import { makeTestClip } from '../test/support/remote-clip';
import { median, type BenchRow } from './table';

const W = 1280;
const H = 720;
const FRAMES = 81;
const FPS = { num: 16, den: 1 };
const RUNS = 3;

/** What Shotline did before: the encoder's own arguments, ffmpeg's implicit BT.601 conversion, no tags. */
function implicitArgs(input: string[], filter: string, encoder: Encoder, frames: number, out: string) {
  const own = encoder
    .outputArgs(FPS)
    .filter((a, i, all) => a !== '-x264-params' && all[i - 1] !== '-x264-params');
  return [
    ...['-hide_banner', '-loglevel', 'error', '-y', ...input, ...(filter ? ['-vf', filter] : [])],
    ...['-an', '-frames:v', String(frames), ...own, out],
  ];
}

/** Both command lines, alternating, `RUNS` times each: median wall times. */
function timePair(
  implicit: string[],
  explicit: string[],
  stdin?: Buffer,
): { ms: number; baselineMs: number } {
  const ffmpeg = locateTool('ffmpeg');
  const time = (args: string[]) => {
    const t = performance.now();
    execFileSync(ffmpeg, args, { ...(stdin && { input: stdin }), maxBuffer: 16 * 1024 * 1024 });
    return performance.now() - t;
  };
  const baseline: number[] = [];
  const ours: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    baseline.push(time(implicit));
    ours.push(time(explicit));
  }
  return { ms: median(ours), baselineMs: median(baseline) };
}

/**
 * Rows: 81 raw 720p frames (Wan's native clip) into each codec; and a ComfyUI-style file (BT.601, untagged,
 * 832x480@16) conformed to 1280x720@24 with the burned-in label, the model backends' path.
 */
export function benchColourEncode(codecs: EncoderName[] = ['h264', 'prores-lt']): BenchRow[] {
  const dir = mkdtempSync(join(tmpdir(), 'shotline-bench-colour-'));
  try {
    // A smooth gradient frame: cheap to make, real work for the encoder and the conversion.
    const frame = Buffer.alloc(W * H * 4);
    for (let p = 0; p < W * H; p++) frame.set([(p % W) / 5, (p / W / 3) % 256, 128, 255], p * 4);
    const stdin = Buffer.concat(Array.from({ length: FRAMES }, () => frame));
    const rawInput = [
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgba',
      '-s',
      `${W}x${H}`,
      '-framerate',
      '16',
      '-i',
      'pipe:0',
    ];
    const target: EncodeTarget = {
      width: W,
      height: H,
      fps: FPS,
      frames: FRAMES,
      fit: 'fit',
      rateMode: 'duplicate',
    };
    const note = `median of ${RUNS}, alternating; one zscale pass into the encoder's format`;
    const rows: BenchRow[] = codecs.map((codec) => {
      const encoder = encoders[codec];
      const out = join(dir, `raw${encoder.extension}`);
      const media: GeneratedMedia = {
        kind: 'frames',
        ...target,
        frameCount: FRAMES,
        frames: (async function* () {})(),
      };
      const times = timePair(
        implicitArgs(rawInput, '', encoder, FRAMES, out),
        buildFfmpegArgs(media, target, encoder, out, FRAME_COLOUR),
        stdin,
      );
      return {
        name: `${encoder.label} 81 raw frames 1280x720: explicit BT.709 + tags`,
        ...times,
        baseline: "ffmpeg's implicit conversion, untagged",
        note: `${note}; frames piped from memory`,
      };
    });

    // The file a ComfyUI server saves: ffmpeg's defaults, BT.601 and untagged.
    const source = makeTestClip(join(dir, 'comfyui.mp4'), {
      width: 832,
      height: 480,
      fps: 16,
      frames: FRAMES,
    });
    const file: GeneratedMedia = {
      kind: 'file',
      path: source,
      width: 832,
      height: 480,
      fps: FPS,
      frameCount: FRAMES,
    };
    const conformed: EncodeTarget = { ...target, fps: { num: 24, den: 1 }, frames: 121, burnInLabel: true };
    const plan = fileColourPlan({ pixFmt: 'yuv420p' }, 480, { matrix: 'smpte170m', range: 'tv' });
    const out = join(dir, 'conformed.mp4');
    const filter = conformFilter({
      source: { width: 832, height: 480, fps: FPS },
      target: conformed,
      fit: 'fit',
      rateMode: 'duplicate',
      overlay: draftLabelFilter(H),
    });
    rows.push({
      name: 'H.264 ComfyUI file 832x480@16 to 1280x720@24 + label: explicit BT.709 + tags',
      ...timePair(
        implicitArgs(['-i', source], filter, encoders.h264, 121, out),
        buildFfmpegArgs(file, conformed, encoders.h264, out, plan.source),
      ),
      baseline: 'the same conform, implicit conversion',
      note: `${note}; the label drawn on RGB between two more`,
    });
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
