// Output encoders: one entry per codec, the ffmpeg arguments that make it; a new codec is one entry.
import type { FrameRate } from '../../shared/protocol';

export interface Encoder {
  readonly name: string;
  readonly label: string;
  readonly extension: '.mp4' | '.mov';
  /** Codec name as ffprobe reports it, to verify the result. */
  readonly codecName: string;
  /** The pixel format it encodes; the colour conversion ends in it. */
  readonly pixFmt: string;
  outputArgs(fps: FrameRate): string[];
}

const h264: Encoder = {
  name: 'h264',
  label: 'H.264 MP4',
  extension: '.mp4',
  codecName: 'h264',
  pixFmt: 'yuv420p',
  outputArgs: () => [
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    '18',
    '-pix_fmt',
    'yuv420p',
    // The stream's own VUI: some ffmpeg builds pass only part of -color_* on to x264.
    '-x264-params',
    'colorprim=bt709:transfer=bt709:colormatrix=bt709:range=tv',
    '-movflags',
    '+faststart+write_colr',
  ],
};

function prores(profile: 0 | 1, label: string, name: string): Encoder {
  return {
    name,
    label,
    extension: '.mov',
    codecName: 'prores',
    pixFmt: 'yuv422p10le',
    outputArgs: () => [
      '-c:v',
      'prores_ks',
      '-profile:v',
      String(profile),
      '-pix_fmt',
      'yuv422p10le',
      '-vendor',
      'apl0',
      // Older ffmpeg writes the MOV colr atom Premiere reads only when asked.
      '-movflags',
      '+write_colr',
    ],
  };
}

export const encoders = Object.freeze({
  h264,
  'prores-proxy': prores(0, 'ProRes 422 Proxy MOV', 'prores-proxy'),
  'prores-lt': prores(1, 'ProRes 422 LT MOV', 'prores-lt'),
});

export type EncoderName = keyof typeof encoders;

export function getEncoder(name: string): Encoder {
  if (!Object.hasOwn(encoders, name)) {
    throw new Error(`unknown codec "${name}"; expected one of ${Object.keys(encoders).join(', ')}`);
  }
  return encoders[name as EncoderName];
}
