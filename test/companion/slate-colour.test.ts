// The slate's raw frames through the whole take pipeline: the clip decoded as Premiere decodes HD matches the
// frames the slate drew, it is tagged BT.709, and the sidecar says how its colour was handled.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GenerationResult, VideoBackend } from '../../companion/backends/backend';
import { SlateBackend } from '../../companion/backends/slate/slate-backend';
import { encoders, type EncoderName } from '../../companion/media/encoders';
import { runTake, sidecarPathFor } from '../../companion/pipeline/run-take';
import { ProvenanceSchema } from '../../shared/protocol';
import { testShot } from '../support/backend-context';
import { colourTags, decodeAsPremiere } from '../support/colour-chart';

/**
 * The slate, with its first frame kept aside as the RGB it painted: the colours the clip must show, whatever
 * pixel format the frames reach the encoder in.
 */
function recordingSlate(): { backend: VideoBackend; first: () => Uint8Array; formats: string[] } {
  const slate = new SlateBackend();
  let first: Uint8Array | undefined;
  const formats: string[] = [];
  const backend: VideoBackend = {
    name: slate.name,
    labelsFrames: true,
    info: () => slate.info(),
    dispose: () => slate.dispose(),
    async generate(request, ctx): Promise<GenerationResult> {
      const painted = await slate.generate({ ...request, framePixelFormat: 'rgba' }, ctx);
      if (painted.media.kind !== 'frames') throw new Error('the slate makes raw frames');
      const frames = painted.media.frames[Symbol.asyncIterator]();
      first = (await frames.next()).value as Uint8Array;
      await frames.return?.();
      const result = await slate.generate(request, ctx);
      if (result.media.kind === 'frames') formats.push(result.media.pixelFormat ?? 'rgba');
      return result;
    },
  };
  return { backend, first: () => first!, formats };
}

/**
 * For every kind of colour the slate paints over a wide area (pixels whose 5x5 neighbourhood is smooth,
 * grouped by colour in steps of 16 code values, at least 40 of them), the median difference between decoded
 * and painted values: lossy coding scatters single pixels both ways, a wrong matrix moves the median.
 */
function paintedColourErrors(rgba: Uint8Array, decoded: Buffer, width: number, height: number) {
  const groups = new Map<string, number[][]>();
  for (let y = 2; y < height - 2; y += 2) {
    for (let x = 2; x < width - 2; x += 2) {
      const at = (y * width + x) * 4;
      let smooth = true;
      for (let dy = -2; dy <= 2 && smooth; dy++) {
        for (let dx = -2; dx <= 2 && smooth; dx++) {
          const o = ((y + dy) * width + x + dx) * 4;
          for (let c = 0; c < 3; c++) smooth &&= Math.abs(rgba[o + c]! - rgba[at + c]!) <= 2;
        }
      }
      if (!smooth) continue;
      const key = [...rgba.subarray(at, at + 3)].map((v) => v >> 4).join(',');
      const diffs = groups.get(key) ?? [[], [], []];
      for (let c = 0; c < 3; c++) diffs[c]!.push(decoded[(y * width + x) * 3 + c]! - rgba[at + c]!);
      groups.set(key, diffs);
    }
  }
  const median = (v: number[]) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  return [...groups]
    .filter(([, diffs]) => diffs[0]!.length >= 40)
    .map(([group, diffs]) => ({ group, off: Math.max(...diffs.map((d) => Math.abs(median(d)))) }));
}

describe('slate frames through the take pipeline', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shotline-slate-colour-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each<EncoderName>(['h264', 'prores-lt'])(
    '%s: the clip shows the slate’s own colours',
    async (codec) => {
      const { backend, first, formats } = recordingSlate();
      const encoder = encoders[codec];
      const outPath = join(dir, `slate-${codec}${encoder.extension}`);
      const shot = testShot({ backend: 'slate', size: { width: 640, height: 360 }, duration: { frames: 6 } });
      await runTake(
        { shot, take: 1, seed: 7, frames: 6, createdAt: new Date(), outPath },
        backend,
        { encoder, fit: 'fit', rateMode: 'duplicate' },
        new AbortController().signal,
        () => undefined,
        { read: () => undefined, write: () => undefined },
      );
      // H.264 takes the slate's own yuv420p; ProRes wants 4:2:2 at 10 bits, which ffmpeg makes from RGB.
      expect(formats).toEqual([codec === 'h264' ? 'yuv420p' : 'rgba']);
      expect(colourTags(outPath)).toEqual({
        matrix: 'bt709',
        primaries: 'bt709',
        transfer: 'bt709',
        range: 'tv',
      });
      const decoded = decodeAsPremiere(outPath);
      const colours = paintedColourErrors(first(), decoded.rgb, 640, 360);
      // The card, the background and the red label bar at least.
      expect(colours.length).toBeGreaterThanOrEqual(3);
      expect(colours.filter((c) => c.off > 3)).toEqual([]);
      const provenance = ProvenanceSchema.parse(JSON.parse(readFileSync(sidecarPathFor(outPath), 'utf8')));
      expect(provenance.colour).toEqual({
        source: 'frames',
        found: { matrix: 'gbr', range: 'pc' },
        assumed: { primaries: 'bt709', transfer: 'bt709' },
        written: { matrix: 'bt709', primaries: 'bt709', transfer: 'bt709', range: 'tv' },
      });
    },
  );
});
