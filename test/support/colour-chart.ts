// A colour chart (primaries, secondaries, bars, greys) as raw frames and as files made the way producers make
// them, and a decoder that reads clips as Premiere reads HD: BT.709 matrix, limited range.
import { execFileSync } from 'node:child_process';
import { locateTool } from '../../companion/media/tool-locator';

export type Rgb = readonly [number, number, number];

/** 4 x 3 patches, row by row. The top-left one sits under the burned-in "AI DRAFT" label: a neutral. */
export const CHART: readonly { name: string; rgb: Rgb }[] = [
  { name: 'white', rgb: [255, 255, 255] },
  { name: 'red', rgb: [255, 0, 0] },
  { name: 'green', rgb: [0, 255, 0] },
  { name: 'blue', rgb: [0, 0, 255] },
  { name: 'cyan', rgb: [0, 255, 255] },
  { name: 'magenta', rgb: [255, 0, 255] },
  { name: 'yellow', rgb: [255, 255, 0] },
  { name: 'black', rgb: [0, 0, 0] },
  { name: '75% yellow bar', rgb: [191, 191, 0] },
  { name: '75% cyan bar', rgb: [0, 191, 191] },
  { name: 'grey', rgb: [128, 128, 128] },
  { name: 'sky', rgb: [16, 100, 200] },
];
const COLUMNS = 4;
const ROWS = 3;

/** One RGBA frame of the chart. */
export function chartFrame(width: number, height: number): Uint8Array {
  const frame = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = Math.min(ROWS - 1, Math.floor((y * ROWS) / height));
    for (let x = 0; x < width; x++) {
      const col = Math.min(COLUMNS - 1, Math.floor((x * COLUMNS) / width));
      frame.set([...CHART[row * COLUMNS + col]!.rgb, 255], (y * width + x) * 4);
    }
  }
  return frame;
}

/** How each source file is made; `ffmpeg-default` is what PyAV/imageio/ffmpeg write untouched (ComfyUI). */
export type SourceStyle = 'ffmpeg-default' | 'tagged-bt709' | 'untagged-bt709' | 'full-range' | 'png-frames';

const STYLE_ARGS: Record<SourceStyle, string[]> = {
  // rgb24 in, yuv420p out, nothing said: swscale's default BT.601 matrix, limited range, no tags.
  'ffmpeg-default': ['-c:v', 'libx264', '-crf', '10', '-pix_fmt', 'yuv420p'],
  'tagged-bt709': [
    ...['-vf', 'scale=out_color_matrix=bt709:out_range=tv,format=yuv420p', '-c:v', 'libx264', '-crf', '10'],
    ...['-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv'],
  ],
  // A studio's own pipeline: converted with BT.709 but never tagged.
  'untagged-bt709': [
    ...['-vf', 'scale=out_color_matrix=bt709:out_range=tv,format=yuv420p', '-c:v', 'libx264', '-crf', '10'],
  ],
  // JPEG-range YUV (yuvj420p), BT.601 matrix, as webcams and some image pipelines write.
  'full-range': ['-c:v', 'libx264', '-crf', '10', '-pix_fmt', 'yuvj420p'],
  'png-frames': ['-c:v', 'png', '-pix_fmt', 'rgb24'],
};

/** Writes `frames` frames of the chart at `fps` into `path` (.mp4 or .mov) the way `style` says. */
export function makeChartClip(
  path: string,
  style: SourceStyle,
  options: { width: number; height: number; fps: number; frames: number },
): string {
  const { width, height, fps, frames } = options;
  const one = Buffer.from(chartFrame(width, height));
  execFileSync(
    locateTool('ffmpeg'),
    [
      ...['-v', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${width}x${height}`],
      ...['-framerate', String(fps), '-i', 'pipe:0', '-frames:v', String(frames), ...STYLE_ARGS[style], path],
    ],
    { input: Buffer.concat(Array.from({ length: frames }, () => one)), stdio: ['pipe', 'pipe', 'pipe'] },
  );
  return path;
}

function frameSize(path: string): { width: number; height: number } {
  const out = execFileSync(
    locateTool('ffprobe'),
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'json', path],
    { encoding: 'utf8' },
  );
  return (JSON.parse(out) as { streams: { width: number; height: number }[] }).streams[0]!;
}

/** Frame `index` as RGB, decoded with the BT.709 matrix in limited range (accurate rounding, like an NLE). */
export function decodeAsPremiere(path: string, index = 0): { rgb: Buffer; width: number; height: number } {
  const probe = frameSize(path);
  const rgb = execFileSync(
    locateTool('ffmpeg'),
    [
      ...['-v', 'error', '-i', path, '-vf'],
      `select=eq(n\\,${index}),scale=in_color_matrix=bt709:in_range=tv:flags=accurate_rnd+full_chroma_int`,
      ...['-frames:v', '1', '-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1'],
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return { rgb, ...probe };
}

/** A JPEG (poster) decoded as browsers do: JFIF, BT.601 full range. */
export function decodeJpeg(path: string): { rgb: Buffer; width: number; height: number } {
  const probe = frameSize(path);
  const rgb = execFileSync(
    locateTool('ffmpeg'),
    [
      ...['-v', 'error', '-i', path, '-vf', 'scale=in_color_matrix=bt601:in_range=pc:flags=accurate_rnd'],
      ...['-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1'],
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return { rgb, ...probe };
}

/** Mean RGB over a small box at a patch's centre (the box evens out lossy-coding noise, not colour error). */
export function patchColour(image: { rgb: Buffer; width: number; height: number }, patch: number): Rgb {
  const cx = Math.floor((((patch % COLUMNS) + 0.5) * image.width) / COLUMNS);
  const cy = Math.floor(((Math.floor(patch / COLUMNS) + 0.5) * image.height) / ROWS);
  const sum = [0, 0, 0];
  let n = 0;
  for (let y = cy - 2; y <= cy + 2; y++) {
    for (let x = cx - 2; x <= cx + 2; x++) {
      for (let c = 0; c < 3; c++) sum[c]! += image.rgb[(y * image.width + x) * 3 + c]!;
      n++;
    }
  }
  return sum.map((v) => Math.round(v / n)) as unknown as Rgb;
}

/** Patches further than `tolerance` code values from the intended colour in any channel; [] when all are close. */
export function chartMisses(
  image: { rgb: Buffer; width: number; height: number },
  tolerance = 3,
  skip: readonly number[] = [],
): string[] {
  return CHART.flatMap(({ name, rgb }, i) => {
    if (skip.includes(i)) return [];
    const got = patchColour(image, i);
    const off = Math.max(...got.map((v, c) => Math.abs(v - rgb[c]!)));
    return off > tolerance ? [`${name}: got ${got.join(',')}, want ${rgb.join(',')}`] : [];
  });
}

/**
 * The four colour tags as ffprobe reports them: the stream's, else the first decoded frame's. ProRes has no
 * range flag in stream or container (the codec is limited range by definition); its decoder reports it per frame.
 */
export function colourTags(path: string): Record<string, string> {
  const out = JSON.parse(
    execFileSync(
      locateTool('ffprobe'),
      [
        ...['-v', 'error', '-select_streams', 'v:0', '-read_intervals', '%+#1', '-show_entries'],
        'stream=color_space,color_primaries,color_transfer,color_range:frame=color_range',
        ...['-of', 'json', path],
      ],
      { encoding: 'utf8' },
    ),
  ) as { streams: Record<string, string>[]; frames?: Record<string, string>[] };
  const s = out.streams[0]!;
  const known = (v: string | undefined) => (v && v !== 'unknown' ? v : undefined);
  return {
    matrix: s.color_space ?? 'unknown',
    primaries: s.color_primaries ?? 'unknown',
    transfer: s.color_transfer ?? 'unknown',
    range: known(s.color_range) ?? out.frames?.[0]?.color_range ?? 'unknown',
  };
}
