// ffprobe on a finished clip: codec, size, rate and exact frame count, to verify before handing it over.
import type { FrameRate } from '../../shared/protocol';
import { ShotlineError } from '../../shared/protocol';
import { reduceRate } from '../../shared/timecode';
import { locateTool } from './tool-locator';
import { execTool } from './tool-process';

export interface ProbeResult {
  codec: string;
  width: number;
  height: number;
  fps: FrameRate;
  frames: number;
  durationSeconds: number;
  /** The stream's colour tags and pixel format as ffprobe spells them; absent where the file says nothing. */
  colour: ProbedColour;
}

export interface ProbedColour {
  pixFmt?: string;
  matrix?: string;
  primaries?: string;
  transfer?: string;
  range?: string;
}

interface FfprobeStream {
  codec_name?: string;
  width?: number;
  height?: number;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  nb_frames?: string;
  nb_read_packets?: string;
  duration?: string;
  pix_fmt?: string;
  color_space?: string;
  color_primaries?: string;
  color_transfer?: string;
  color_range?: string;
}

export async function probeVideo(
  path: string,
  options: { countPackets?: boolean } = {},
): Promise<ProbeResult> {
  const args = ['-v', 'error', '-select_streams', 'v:0', '-show_streams', '-of', 'json'];
  if (options.countPackets) args.push('-count_packets');
  let stdout: string;
  try {
    ({ stdout } = await execTool(locateTool('ffprobe'), [...args, path], { maxBuffer: 4 * 1024 * 1024 }));
  } catch (err) {
    if (err instanceof ShotlineError) throw err;
    const stderr = String((err as { stderr?: string }).stderr ?? '').trim();
    throw new ShotlineError(
      'ENCODE_FAILED',
      `ffprobe could not read ${path}: ${stderr || (err as Error).message}`,
      { params: { path, detail: stderr || (err as Error).message, case: 'ffprobe' } },
    );
  }
  const stream = (JSON.parse(stdout) as { streams?: FfprobeStream[] }).streams?.[0];
  if (!stream || !stream.width || !stream.height) {
    throw new ShotlineError('ENCODE_FAILED', `${path} has no video stream.`, {
      params: { path, case: 'noVideo' },
    });
  }
  const [num, den] = (stream.r_frame_rate ?? '0/1').split('/').map(Number);
  const frames = Number(stream.nb_read_packets ?? stream.nb_frames ?? 0);
  return {
    codec: stream.codec_name ?? 'unknown',
    width: stream.width,
    height: stream.height,
    fps: num && den ? reduceRate(num, den) : { num: 0, den: 1 },
    frames,
    durationSeconds: Number(stream.duration ?? 0),
    colour: {
      ...(stream.pix_fmt && { pixFmt: stream.pix_fmt }),
      ...(stream.color_space && { matrix: stream.color_space }),
      ...(stream.color_primaries && { primaries: stream.color_primaries }),
      ...(stream.color_transfer && { transfer: stream.color_transfer }),
      ...(stream.color_range && { range: stream.color_range }),
    },
  };
}
