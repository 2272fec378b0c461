// Slate render + encode of a 6 s 1280x720 24 fps clip, against ffmpeg alone encoding the same frames: the very
// yuv420p frames the slate hands ffmpeg, with the very arguments (x264 settings, filters, tags, MP4 flags),
// read from a file instead of a pipe. Runs alternate which goes first, so neither always gets a warm cache, and
// are spread over several processes: on this kind of machine the ratio moves more from one process to the next
// (how the kernel backs each one's fresh memory) than from run to run within one.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Companion } from '../companion/companion';
import { defaultDrawThreads } from '../companion/backends/slate/slate-backend';
import { SlatePainter, type SlateCard } from '../companion/backends/slate/slate-painter';
import { OUTPUT_COLOUR } from '../companion/media/colour';
import { buildFfmpegArgs, encodeClip } from '../companion/media/encode';
import { encoders } from '../companion/media/encoders';
import { locateTool } from '../companion/media/tool-locator';
import { yuv420Bytes } from '../companion/media/yuv420';
import { waitForJobs } from '../companion/cli/run-jobs';
import type { TakePhaseReport } from '../companion/pipeline/take-phases';
import { median, sampledRow, type BenchRow } from './table';

const W = 1280;
const H = 720;
const FRAMES = 144;
const PROMPT = 'Kai leaps from the edge, turns two full somersaults in the air and lands on the next roof.';

/** The 1-minute load average, as `uptime` shows it. */
const loadAverage = () => loadavg()[0]!.toFixed(2);

/** The frames the slate draws for a card, as yuv420p, one after another. */
export function slateYuvFrames(card: SlateCard): Buffer {
  const painter = new SlatePainter(card);
  const frames = Buffer.concat(
    Array.from({ length: card.frames }, (_, i) =>
      Buffer.from(painter.renderYuv420(i, new Uint8Array(yuv420Bytes(card.width, card.height)))),
    ),
  );
  painter.release();
  return frames;
}

/**
 * ffmpeg alone turning the slate's raw yuv420p frames into its H.264: the command the take runs, its input a
 * file. The floor any slate render stands against.
 */
export function rawEncodeArgs(
  rawPath: string,
  width: number,
  height: number,
  frames: number,
  out: string,
): string[] {
  const fps = { num: 24, den: 1 };
  // Only the arguments are built: no frame is read from this source.
  const none = (async function* () {})();
  const args = buildFfmpegArgs(
    { kind: 'frames', width, height, fps, frameCount: frames, pixelFormat: 'yuv420p', frames: none },
    { width, height, fps, frames, fit: 'fit', rateMode: 'duplicate' },
    encoders.h264,
    out,
    OUTPUT_COLOUR,
  );
  return args.map((arg) => (arg === 'pipe:0' ? rawPath : arg));
}

/** Each run's times in one process, in ms: the rows are made from several processes' samples put together. */
export interface SlateSamples {
  baseline: number[];
  drawEncode: number[];
  piped: number[];
  after: number[];
  probeAlone: number[];
  whole: number[];
}

const SAMPLES_LINE = 'slate-samples ';

/** `runs` runs of the three (raw encode, the slate job, the pipe alone) in this process, after one more to warm it. */
export async function slateSamples(runs: number): Promise<SlateSamples> {
  const dir = mkdtempSync(join(tmpdir(), 'shotline-bench-'));
  try {
    const rawPath = join(dir, 'frames.yuv');
    const frames = slateYuvFrames({
      width: W,
      height: H,
      fps: { num: 24, den: 1 },
      frames: FRAMES,
      shotId: 'BENCH',
      take: 1,
      description: PROMPT,
      seed: 1,
      label: 'AI PREVIZ DRAFT',
    });
    writeFileSync(rawPath, frames);
    const ffmpeg = locateTool('ffmpeg');
    const ffprobe = locateTool('ffprobe');
    const baselineArgs = rawEncodeArgs(rawPath, W, H, FRAMES, join(dir, 'baseline.mp4'));
    const baseline: number[] = [];
    const probeAlone: number[] = [];
    const whole: number[] = [];
    const drawEncode: number[] = [];
    const after: number[] = [];
    let phases: TakePhaseReport[] = [];
    const companion = new Companion({
      outputDir: dir,
      jobLog: { info: (fields) => phases.push(fields as TakePhaseReport), warn: () => undefined },
    });
    const ms = (phase: TakePhaseReport['phase']) =>
      phases.reduce((sum, p) => sum + (p.phase === phase && 'ms' in p ? p.ms : 0), 0);
    const piped: number[] = [];
    // The take's own encode fed the finished frames from memory, whole: what the pipe costs without any drawing
    // (or any patches: this source does not say what stays still).
    const pipeOnly = async (i: number) => {
      const bytes = yuv420Bytes(W, H);
      const source = (async function* () {
        for (let f = 0; f < FRAMES; f++) yield frames.subarray(f * bytes, (f + 1) * bytes);
      })();
      const fps = { num: 24, den: 1 };
      const t = performance.now();
      await encodeClip(
        {
          kind: 'frames',
          width: W,
          height: H,
          fps,
          frameCount: FRAMES,
          pixelFormat: 'yuv420p',
          frames: source,
        },
        { width: W, height: H, fps, frames: FRAMES, fit: 'fit', rateMode: 'duplicate' },
        encoders.h264,
        join(dir, `piped-${i}.mp4`),
        { signal: new AbortController().signal },
      );
      piped.push(performance.now() - t);
    };
    const raw = () => {
      const t = performance.now();
      execFileSync(ffmpeg, baselineArgs);
      baseline.push(performance.now() - t);
    };
    const ours = async (i: number) => {
      phases = [];
      const t = performance.now();
      const outPath = join(dir, `ours-${i}.mp4`);
      const jobs = companion.submit(
        [
          {
            shotId: 'BENCH',
            prompt: PROMPT,
            duration: { frames: FRAMES },
            fps: { num: 24, den: 1 },
            size: { width: W, height: H },
            seed: 1,
            backend: 'slate',
            takes: 1,
          },
        ],
        { ownerId: 'bench', outPath },
      );
      const result = await waitForJobs(companion, jobs, () => undefined);
      if (result.failed.length) throw new Error(result.failed[0]!.error?.message);
      whole.push(performance.now() - t);
      drawEncode.push(ms('backend') + ms('encode'));
      after.push(ms('committed'));
      const p = performance.now();
      execFileSync(ffprobe, ['-v', 'error', '-show_streams', '-of', 'json', outPath]);
      probeAlone.push(performance.now() - p);
    };
    // Each run takes the three in another order, so none always goes first or last.
    const order: ((i: number) => unknown)[] = [raw, ours, pipeOnly];
    // Run 0 warms the process (modules, the font, the tool host, first allocations) and is not counted: the
    // daemon runs warm, and a cold start is the CLI startup row's.
    for (let i = 0; i <= runs; i++) {
      for (let k = 0; k < order.length; k++) await order[(i + k) % order.length]!(i);
    }
    await companion.close();
    const counted = (ms: number[]) => ms.slice(1);
    return {
      baseline: counted(baseline),
      drawEncode: counted(drawEncode),
      piped: counted(piped),
      after: counted(after),
      probeAlone: counted(probeAlone),
      whole: counted(whole),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One process's samples, from a node of its own running this file (see the end of it). */
function samplesInProcess(runs: number): SlateSamples {
  const child = spawnSync(process.execPath, [__filename, '--samples', String(runs)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 2 ** 20,
  });
  const line = child.stdout.split('\n').find((l) => l.startsWith(SAMPLES_LINE));
  if (child.status !== 0 || !line) {
    throw new Error(`bench: the slate samples process failed (exit ${child.status ?? child.signal})`);
  }
  return JSON.parse(line.slice(SAMPLES_LINE.length)) as SlateSamples;
}

/**
 * Rows: drawing + encoding (the one the ≤ 1.2× goal is about), the pipe alone, the steps after it, the whole job;
 * `processes` fresh processes of `runsEach` runs each.
 */
export async function benchSlateEncode(processes = 4, runsEach = 4): Promise<BenchRow[]> {
  // On a shared machine the ratio moves with the load: the row says what it was.
  const loadBefore = loadAverage();
  const all: SlateSamples = { baseline: [], drawEncode: [], piped: [], after: [], probeAlone: [], whole: [] };
  for (let p = 0; p < processes; p++) {
    const some = samplesInProcess(runsEach);
    for (const key of Object.keys(all) as (keyof SlateSamples)[]) all[key].push(...some[key]);
  }
  const { baseline, drawEncode, piped, after, probeAlone, whole } = all;
  const runs = baseline.length;
  // Each run's own ratio against the baseline run beside it: on a shared machine the pair saw the same load.
  const paired = (ours: number[]) => median(ours.map((ms, i) => ms / baseline[i]!)).toFixed(2);
  const threads = defaultDrawThreads();
  const how =
    `${runs} runs in ${processes} processes, alternating which goes first; ${FRAMES} frames drawn as ` +
    `yuv420p ${threads ? `on ${threads} worker thread(s)` : 'on the main thread'}; ` +
    `load average ${loadBefore} before, ${loadAverage()} after`;
  return [
    sampledRow(
      'slate 6 s 1280x720@24 draw+encode',
      drawEncode,
      'ffmpeg encode of the same 144 yuv420p frames, same arguments',
      baseline,
      `${how}; from the backend's start to ffmpeg's exit, the frames sent as their changed rectangles over ` +
        `the first (the goal row: ≤ 1.2×); ` +
        `median of the runs' own ratios ${paired(drawEncode)}×`,
    ),
    sampledRow(
      'slate 6 s the same frames piped, no drawing',
      piped,
      'ffmpeg encode of the same 144 yuv420p frames, same arguments',
      baseline,
      `the same runs: the take's encode fed the finished frames from memory, each frame whole through its ` +
        `pipe (a source that cannot say what stays still; the slate sends only its changed rectangles); ` +
        `median of the runs' own ratios ${paired(piped)}×`,
    ),
    sampledRow(
      'slate 6 s after the encode',
      after,
      'one ffprobe of the clip',
      probeAlone,
      `the same runs: probe, sha256, sidecar, poster from the kept middle frame, rename`,
    ),
    sampledRow(
      'slate 6 s 1280x720@24 whole job',
      whole,
      'ffmpeg encode of the same 144 yuv420p frames, same arguments',
      baseline,
      `the same runs: submit to done, queue and all; median of the runs' own ratios ${paired(whole)}×`,
    ),
  ];
}

if (require.main === module && process.argv[2] === '--samples') {
  slateSamples(Number(process.argv[3])).then(
    (samples) => process.stdout.write(`${SAMPLES_LINE}${JSON.stringify(samples)}\n`),
    (err: unknown) => {
      process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
