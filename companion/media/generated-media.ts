// What a backend hands the media stage: raw frames or a finished file. It lives here, below the backends,
// so media never imports from them.
import type { FrameRate, PartialColourTags } from '../../shared/protocol';

/**
 * Raw RGBA frames streamed from a backend, already at the size/rate it reports. They are RGB code values in
 * full range for a BT.709/sRGB display; the media stage converts them to BT.709 YUV explicitly.
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
