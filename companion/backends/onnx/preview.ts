// Cheap previews while sampling: the x0 estimate's middle latent frame through a fixed latent->RGB map, as PNG.
import { deflateSync } from 'node:zlib';
import type { ModelManifest } from '../../../shared/model-bundle';

/** The manifest's map, else a fixed one spreading channels over hues (stable, not colour-accurate). */
export function previewMap(m: ModelManifest): {
  weights: [number, number, number][];
  bias: [number, number, number];
} {
  if (m.latent.previewRgb) return m.latent.previewRgb;
  const C = m.latent.channels;
  const weights = Array.from({ length: C }, (_, c) => {
    const a = (c * 2 * Math.PI) / C;
    return [Math.cos(a), Math.cos(a - 2.094), Math.cos(a - 4.189)].map((v) => (v * 2) / Math.sqrt(C)) as [
      number,
      number,
      number,
    ];
  });
  return { weights, bias: [0, 0, 0] };
}

export function latentToRgba(
  m: ModelManifest,
  x0: Float32Array,
  shape: readonly number[],
): { rgba: Uint8Array; width: number; height: number } {
  const [C, F, h, w] = shape as [number, number, number, number];
  const { weights, bias } = previewMap(m);
  const plane = h * w;
  const f = Math.floor(F / 2);
  const rgba = new Uint8Array(plane * 4);
  for (let p = 0; p < plane; p++) {
    for (let k = 0; k < 3; k++) {
      let v = bias[k]!;
      for (let c = 0; c < C; c++) v += weights[c]![k]! * x0[(c * F + f) * plane + p]!;
      rgba[p * 4 + k] = Math.round(((Math.min(1, Math.max(-1, v)) + 1) / 2) * 255);
    }
    rgba[p * 4 + 3] = 255;
  }
  return { rgba, width: w, height: h };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A minimal RGBA PNG (8-bit, no filter). */
export function encodePng(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
