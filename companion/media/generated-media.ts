// What a backend hands the media stage: raw frames or a finished file. It lives here, below the backends,
// so media never imports from them.
import type { FrameRate, PartialColourTags } from '../../shared/protocol';
import { yuv420Bytes, type PixelRect } from './yuv420';

/**
 * How raw frames are laid out: RGBA (4 bytes a pixel, what a canvas or a VAE gives), or the yuv420p H.264
 * encodes, already BT.709 limited range (see yuv420.ts), which ffmpeg then only has to encode.
 */
export type FramePixelFormat = 'rgba' | 'yuv420p';

const FRAME_BYTES: Readonly<Record<FramePixelFormat, (width: number, height: number) => number>> =
  Object.freeze({
    rgba: (width: number, height: number) => width * height * 4,
    yuv420p: yuv420Bytes,
  });

export function frameBytes(format: FramePixelFormat, width: number, height: number): number {
  return FRAME_BYTES[format](width, height);
}

/**
 * Raw frames streamed from a backend, already at the size/rate it reports. RGBA frames are RGB code values in
 * full range for a BT.709/sRGB display; the media stage converts them to BT.709 YUV explicitly. A frame's
 * buffer may be reused by the backend once the next frame is asked for.
 */
export interface RawFrameSource {
  kind: 'frames';
  width: number;
  height: number;
  fps: FrameRate;
  frameCount: number;
  /**
   * Each frame is valid until the next is asked for: a backend may write the next frame into the same buffer
   * (the onnx backend does), so a consumer that keeps a frame copies it.
   */
  frames: AsyncIterable<Uint8Array>;
  /** Absent: RGBA. */
  pixelFormat?: FramePixelFormat;
  /**
   * yuv420p frames only: outside these rectangles every frame's pixels are the first frame's (the slate's
   * card around its moving parts), so the encoder may send ffmpeg just the rectangles (patch-layout.ts).
   */
  stillOutside?: readonly PixelRect[];
}

/** A finished media file a backend produced (remote services, ComfyUI); conformed afterwards. */
export interface MediaFileSource {
  kind: 'file';
  path: string;
  width: number;
  height: number;
  fps: FrameRate;
  frameCount: number;
  /** The file's first audio stream is the model's own generated sound: keep it through conform. */
  generatedAudio?: boolean;
  /** What the producer really uses for colour tags the file lacks (ComfyUI: BT.601); its own tags win. */
  colour?: PartialColourTags;
}

export type GeneratedMedia = RawFrameSource | MediaFileSource;
