// Clips whose frames carry their own frame number as a row of black/white blocks, and the reader for them.
import sharp from 'sharp';
import type { RawFrameSource } from '../../companion/backends/backend';
import { encodeClip } from '../../companion/media/encode';
import { encoders } from '../../companion/media/encoders';
import type { FrameRate } from '../../shared/protocol';

export const NUMBER_BITS = 10;

/** Frame n: bit k of n is block k (left to right), white for 1, black for 0, each block a tenth of the width. */
export function numberedFrame(n: number, width: number, height: number): Uint8Array {
  const frame = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const bit = Math.floor((x * NUMBER_BITS) / width);
      const v = (n >> bit) & 1 ? 255 : 0;
      frame.set([v, v, v, 255], (y * width + x) * 4);
    }
  }
  return frame;
}

export async function writeNumberedClip(
  path: string,
  options: { width: number; height: number; fps: FrameRate; frames: number },
): Promise<void> {
  const { width, height, fps, frames } = options;
  async function* all() {
    for (let i = 0; i < frames; i += 1) yield numberedFrame(i, width, height);
  }
  const source: RawFrameSource = { kind: 'frames', width, height, fps, frameCount: frames, frames: all() };
  const target = { width, height, fps, frames, fit: 'fit' as const, rateMode: 'duplicate' as const };
  await encodeClip(source, target, encoders.h264, path, { signal: new AbortController().signal });
}

/** The number an image of a numbered frame shows, read at the middle of each block's centre column. */
export async function readFrameNumber(imagePath: string): Promise<number> {
  const { data, info } = await sharp(imagePath).greyscale().raw().toBuffer({ resolveWithObject: true });
  let n = 0;
  for (let bit = 0; bit < NUMBER_BITS; bit += 1) {
    const x = Math.floor(((bit + 0.5) * info.width) / NUMBER_BITS);
    const y = Math.floor(info.height / 2);
    if (data[(y * info.width + x) * info.channels]! > 127) n |= 1 << bit;
  }
  return n;
}
