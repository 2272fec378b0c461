// Colour through the media stage: raw frames and encoded files of every kind come out BT.709, limited range,
// tagged, and a colour chart decoded as Premiere decodes HD is within 3 code values of what was meant.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GeneratedMedia, RawFrameSource } from '../../companion/backends/backend';
import { fileColourPlan, resolveSourceColour } from '../../companion/media/colour';
import { encodeClip, type EncodeTarget } from '../../companion/media/encode';
import { encoders, type EncoderName } from '../../companion/media/encoders';
import { writePoster } from '../../companion/media/poster';
import { probeVideo } from '../../companion/media/probe';
import { ShotlineError } from '../../shared/protocol';
import {
  chartMisses,
  chartFrame,
  colourTags,
  decodeAsPremiere,
  decodeJpeg,
  makeChartClip,
  type SourceStyle,
} from '../support/colour-chart';

const TAGGED = { matrix: 'bt709', primaries: 'bt709', transfer: 'bt709', range: 'tv' };
const signal = () => new AbortController().signal;

function chartFrames(width: number, height: number, fps: number, frameCount: number): RawFrameSource {
  const frame = chartFrame(width, height);
  async function* frames() {
    for (let i = 0; i < frameCount; i++) yield frame;
  }
  return { kind: 'frames', width, height, fps: { num: fps, den: 1 }, frameCount, frames: frames() };
}

describe('colour through the media stage', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shotline-colour-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const encode = async (media: GeneratedMedia, codec: EncoderName, target: Partial<EncodeTarget> = {}) => {
    const encoder = encoders[codec];
    const out = join(dir, `${codec}-${Math.random().toString(36).slice(2)}${encoder.extension}`);
    const colour = await encodeClip(
      media,
      {
        width: 320,
        height: 180,
        fps: { num: 24, den: 1 },
        frames: 6,
        fit: 'fit',
        rateMode: 'duplicate',
        ...target,
      },
      encoder,
      out,
      { signal: signal() },
    );
    return { out, colour };
  };

  test.each<[EncoderName, Partial<EncodeTarget>]>([
    ['h264', {}],
    // Blending and a size conform: the filters that would slip in ffmpeg's BT.601 default if they ran in RGB.
    ['h264', { width: 640, height: 360, fps: { num: 24000, den: 1001 }, rateMode: 'blend' }],
    ['prores-lt', {}],
    ['prores-proxy', { width: 640, height: 360, rateMode: 'blend', fps: { num: 25, den: 1 } }],
  ])('raw RGB frames to %s %j: tagged BT.709 and the chart within 3', async (codec, target) => {
    const { out, colour } = await encode(chartFrames(320, 180, 16, 5), codec, target);
    expect(colourTags(out)).toEqual(TAGGED);
    expect(chartMisses(decodeAsPremiere(out))).toEqual([]);
    expect(colour).toEqual({
      source: 'frames',
      found: { matrix: 'gbr', range: 'pc' },
      assumed: { primaries: 'bt709', transfer: 'bt709' },
      written: TAGGED,
    });
  });

  test('ProRes is 4:2:2 10-bit, tagged BT.709 in its own frame header as well as the MOV colr atom', async () => {
    const { out } = await encode(chartFrames(320, 180, 24, 6), 'prores-lt');
    const probe = await probeVideo(out);
    expect(probe.colour.pixFmt).toBe('yuv422p10le');
    const bytes = readFileSync(out);
    // The frame header after "icpf": primaries, transfer and matrix at bytes 14-16 (1 = BT.709).
    const header = bytes.indexOf('icpf') + 4;
    expect([...bytes.subarray(header + 14, header + 17)]).toEqual([1, 1, 1]);
    const colr = bytes.indexOf('colrnclc') + 8;
    expect([...bytes.subarray(colr, colr + 6)]).toEqual([0, 1, 0, 1, 0, 1]);
  });

  test.each<[SourceStyle, string, object, object]>([
    // ComfyUI's SaveVideo (PyAV, ffmpeg defaults): BT.601 matrix and no tags; the backend assumes BT.601.
    [
      'ffmpeg-default',
      'mp4',
      {},
      { matrix: 'smpte170m', primaries: 'bt709', transfer: 'bt709', range: 'tv' },
    ],
    ['tagged-bt709', 'mp4', TAGGED, {}],
    // JPEG-range YUV: mapped to limited range, neither clipped nor squeezed twice.
    ['full-range', 'mp4', { range: 'pc' }, { matrix: 'smpte170m', primaries: 'bt709', transfer: 'bt709' }],
    ['png-frames', 'mov', { matrix: 'gbr', range: 'pc' }, { primaries: 'bt709', transfer: 'bt709' }],
  ])(
    'a %s file is converted to BT.709 and tagged; the chart within 3',
    async (style, ext, found, assumed) => {
      const path = makeChartClip(join(dir, `${style}.${ext}`), style, {
        width: 320,
        height: 180,
        fps: 16,
        frames: 4,
      });
      const media: GeneratedMedia = {
        kind: 'file',
        path,
        width: 320,
        height: 180,
        fps: { num: 16, den: 1 },
        frameCount: 4,
        colour: { matrix: 'smpte170m', range: 'tv' },
      };
      const { out, colour } = await encode(media, 'h264');
      expect(colourTags(out)).toEqual(TAGGED);
      expect(chartMisses(decodeAsPremiere(out))).toEqual([]);
      expect(colour).toEqual({ source: 'file', found, assumed, written: TAGGED });
    },
  );

  test.each<EncodeTarget['rateMode']>(['duplicate', 'blend'])(
    'the burned-in label keeps its colour (%s): drawn on RGB, not through drawtext’s BT.601 conversion',
    async (rateMode) => {
      // ProRes: H.264 at CRF 18 moves the chroma of a small box beside white text by a few values by itself.
      const { out } = await encode(chartFrames(640, 360, 24, 6), 'prores-lt', {
        width: 640,
        height: 360,
        rateMode,
        fps: { num: 25, den: 1 },
        burnInLabel: true,
      });
      const { rgb, width } = decodeAsPremiere(out);
      // Inside the box's border, over the white patch: 0xd7263d at 90% over white is (219, 60, 80).
      const at = (11 * width + 11) * 3;
      const box = [...rgb.subarray(at, at + 3)];
      const want = [219, 60, 80];
      expect(box.map((v, c) => (Math.abs(v - want[c]!) <= 3 ? 'ok' : v))).toEqual(['ok', 'ok', 'ok']);
      expect(chartMisses(decodeAsPremiere(out), 3, [0])).toEqual([]);
    },
  );

  test('an ffmpeg without zscale is named, with what to do about it', async () => {
    const fake = join(dir, 'ffmpeg-without-zimg');
    writeFileSync(fake, `#!/bin/sh\necho "No such filter: 'zscale'" >&2\nexit 1\n`, { mode: 0o755 });
    process.env.SHOTLINE_FFMPEG = fake;
    try {
      await expect(encode(chartFrames(320, 180, 24, 6), 'h264')).rejects.toMatchObject({
        code: 'FFMPEG_MISSING',
        message: `${fake} has no zscale filter (it was built without libzimg), which Shotline needs to convert colour to BT.709: use the bundled ffmpeg or one built with --enable-libzimg.`,
      });
    } finally {
      delete process.env.SHOTLINE_FFMPEG;
    }
  });

  test('the poster decoded from a clip shows the clip’s colours', async () => {
    const { out } = await encode(chartFrames(640, 360, 24, 6), 'h264', { width: 640, height: 360 });
    const poster = await writePoster(out, 6);
    // JPEG on top of the clip's own coding: a little more slack than the clip itself.
    expect(chartMisses(decodeJpeg(poster.path), 4)).toEqual([]);
  });
});

describe('what is assumed of an untagged file', () => {
  test('an unknown producer: BT.709 from 720 lines up, BT.601 below, as players decide', () => {
    expect(fileColourPlan({ pixFmt: 'yuv420p' }, 720).source.matrix).toBe('bt709');
    expect(fileColourPlan({ pixFmt: 'yuv420p' }, 480).source.matrix).toBe('smpte170m');
  });

  test('the source’s own tags beat the backend’s assumption', () => {
    const plan = fileColourPlan({ pixFmt: 'yuv420p', matrix: 'bt709', range: 'tv' }, 1080, {
      matrix: 'smpte170m',
      range: 'pc',
    });
    expect(plan.source).toEqual({ matrix: 'bt709', primaries: 'bt709', transfer: 'bt709', range: 'tv' });
    expect(plan.handling.assumed).toEqual({ primaries: 'bt709', transfer: 'bt709' });
  });

  test('an HDR source is refused with a stable code and a sentence', () => {
    const refuse = () => fileColourPlan({ pixFmt: 'yuv420p10le', transfer: 'smpte2084' }, 2160);
    expect(refuse).toThrow(ShotlineError);
    expect(refuse).toThrow(
      'The source video is tagged with colour transfer "smpte2084", which Shotline cannot convert to BT.709 ' +
        '(supported: bt709, smpte170m, bt470bg, bt2020-10, bt2020-12, iec61966-2-1, linear).',
    );
    try {
      refuse();
    } catch (err) {
      expect((err as ShotlineError).code).toBe('UNSUPPORTED_COLOUR');
    }
  });

  test('the per-backend setting: a preset, tags one by one, or an error naming the option', () => {
    const comfy = { matrix: 'smpte170m', range: 'tv' } as const;
    expect(resolveSourceColour('comfyui', undefined, comfy)).toEqual(comfy);
    expect(resolveSourceColour('comfyui', 'bt709', comfy)).toEqual({ matrix: 'bt709', range: 'tv' });
    expect(resolveSourceColour('comfyui', { range: 'pc' }, comfy)).toEqual({
      matrix: 'smpte170m',
      range: 'pc',
    });
    expect(() => resolveSourceColour('comfyui', 'rec709', comfy)).toThrow(
      /^comfyui: option "colour" must be one of bt601, bt601-full, bt709, bt709-full or an object/,
    );
  });
});
