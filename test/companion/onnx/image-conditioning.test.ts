/** @jest-environment ./test/companion/onnx/ort-environment.js */
// The onnx backend starting takes from an image on tiny bundles with a VAE encoder (CPU): TI2V-5B's held first
// latent frame, I2V-A14B's mask + encoded-video channels, capabilities and doctor.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { GenerationRequest, PreparedConditioning } from '../../../companion/backends/backend';
import { bundleWeights, readBundle } from '../../../companion/backends/onnx/bundle';
import { denoise } from '../../../companion/backends/onnx/denoise';
import { checkBundle } from '../../../companion/backends/onnx/doctor-checks';
import { newRunStats } from '../../../companion/backends/onnx/graph-session';
import { encodeImage } from '../../../companion/backends/onnx/image-latents';
import { estimateMemory } from '../../../companion/backends/onnx/memory-estimate';
import { imagePixels } from '../../../companion/backends/onnx/image-pixels';
import { OnnxBackend } from '../../../companion/backends/onnx/onnx-backend';
import { flowSchedule } from '../../../companion/backends/onnx/schedulers/flow-schedule';
import { toHalfBits } from '../../../companion/backends/onnx/tensors';
import { SessionPool } from '../../../companion/backends/onnx/session-pool';
import { expectWordedInBothLanguages } from '../../support/panel-wording';
import { collect, fakeContext, shot, tinyBundle } from './tiny-bundle';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));
const work = mkdtempSync(join(tmpdir(), 'shotline-i2v-'));
cleanups.push(() => rmSync(work, { recursive: true, force: true }));

async function bundle(...args: Parameters<typeof tinyBundle>) {
  const b = await tinyBundle(...args);
  cleanups.push(b.cleanup);
  return b.dir;
}

/** A start image: left half `left`, right half `right` (RGB), at a size other than the model's. */
async function startImage(name: string, left: number[], right: number[]): Promise<PreparedConditioning> {
  const [width, height] = [192, 128];
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) raw.set(x < width / 2 ? left : right, (y * width + x) * 3);
  const path = join(work, `${name}.png`);
  await sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toFile(path);
  const source = { kind: 'still' as const, path };
  return { mode: 'i2v', start: { path, sha256: '0'.repeat(64), width, height, source } };
}

/** A bridge's conditioning: `start`'s image first, `end`'s last (first-and-last-frame). */
function bridge(start: PreparedConditioning, end: PreparedConditioning): PreparedConditioning {
  return { mode: 'flf2v', action: 'bridge', start: start.start, end: end.start };
}

function request(seed: number, conditioning?: PreparedConditioning): GenerationRequest {
  return { shot: shot(), take: 1, seed, frames: 24, ...(conditioning && { conditioning }) };
}

async function take(backend: OnnxBackend, req: GenerationRequest) {
  const result = await backend.generate(req, fakeContext());
  if (result.media.kind !== 'frames') throw new Error('expected raw frames');
  return { result, media: result.media, frames: await collect(result.media.frames) };
}

/** Mean R, G, B over columns [x0, x1) of an RGBA frame. */
function meanColour(rgba: Uint8Array, width: number, x0: number, x1: number): number[] {
  const sum = [0, 0, 0];
  let n = 0;
  for (let p = 0; p < rgba.length / 4; p++) {
    const x = p % width;
    if (x < x0 || x >= x1) continue;
    for (let c = 0; c < 3; c++) sum[c]! += rgba[p * 4 + c]!;
    n++;
  }
  return sum.map((s) => s / n);
}

const RED = [200, 40, 40];
const BLUE = [40, 60, 210];

describe('capabilities', () => {
  test('image to video only where the bundle has a VAE encoder and an image input', async () => {
    const text = new OnnxBackend({ model: await bundle({ variant: 'wan22-ti2v-5b' }), provider: 'cpu' });
    const ti2v = new OnnxBackend({
      model: await bundle({ variant: 'wan22-ti2v-5b', image: true }),
      provider: 'cpu',
    });
    const i2v = new OnnxBackend({ model: await bundle({ variant: 'wan22-i2v-a14b' }), provider: 'cpu' });
    const older = new OnnxBackend({
      model: await bundle({ variant: 'wan22-i2v-a14b', firstLastFrame: false }),
      provider: 'cpu',
    });
    expect(text.info().capabilities.conditioning).toBeUndefined();
    expect(ti2v.info().capabilities.conditioning).toEqual(['i2v']);
    // First-and-last-frame only where the manifest says the experts take it.
    expect(i2v.info().capabilities.conditioning).toEqual(['i2v', 'flf2v']);
    expect(older.info().capabilities.conditioning).toEqual(['i2v']);
    const refusal: unknown = await text
      .generate(request(1, await startImage('t', RED, RED)), fakeContext())
      .catch((e: unknown) => e);
    expect(refusal).toMatchObject({
      code: 'INVALID_SHOT',
      message: expect.stringContaining('has no VAE encoder'),
    });
    expectWordedInBothLanguages(refusal);
    // The encoder step itself refuses such a bundle too, in words the panel can give in either language.
    const { manifest } = readBundle(text.options.model!);
    const encoderRefusal: unknown = await encodeImage({
      manifest,
      pixels: new Float32Array(0),
      latentShape: [1, 1, 1, 1],
      signal: new AbortController().signal,
      session: () => Promise.reject(new Error('no graph is opened for a bundle without an encoder')),
    }).catch((e: unknown) => e);
    expect(encoderRefusal).toMatchObject({
      code: 'INVALID_SHOT',
      message: expect.stringContaining('no VAE encoder'),
    });
    expectWordedInBothLanguages(encoderRefusal);
    await Promise.all([text.dispose(), ti2v.dispose(), i2v.dispose(), older.dispose()]);
  });

  test('doctor opens and checks the encoder graphs with the others', async () => {
    const report = await checkBundle(await bundle({ variant: 'wan22-i2v-a14b' }), 'cpu');
    const encoder = report.graphs.filter((g) => g.graph.startsWith('encoder:'));
    expect(encoder.map((g) => [g.graph, g.file, g.ok])).toEqual([
      ['encoder:init', 'vae_encoder_init.onnx', true],
      ['encoder:step', 'vae_encoder.onnx', true],
    ]);
  });
});

test('the memory estimate has an image stage, encoder resident, only for bundles that have one', async () => {
  const stages = async (options: Parameters<typeof tinyBundle>[0]) => {
    const b = readBundle(await bundle(options));
    const e = estimateMemory(b.manifest, bundleWeights(b), { width: 48, height: 32, frames: 17 });
    return [e.all, e.one].map((r) => r.stages.find((s) => s.stage === 'encode image')?.resident);
  };
  expect(await stages({ variant: 'wan22-i2v-a14b' })).toEqual([
    ['encoder:init', 'encoder:step', 'expert:high_noise', 'expert:low_noise', 'vae:init', 'vae:step'],
    ['encoder:init', 'encoder:step'],
  ]);
  expect(await stages({ variant: 'wan22-t2v-a14b' })).toEqual([undefined, undefined]);
});

describe('TI2V-5B: the image is latent frame 0, held through denoising', () => {
  let backend: OnnxBackend;
  let dir: string;
  beforeAll(async () => {
    dir = await bundle({ variant: 'wan22-ti2v-5b', image: true });
    backend = new OnnxBackend({ model: dir, provider: 'cpu', previewEvery: 0 });
  });
  afterAll(() => backend.dispose());

  test('the first decoded frame follows the start image, half by half', async () => {
    const { frames, media, result } = await take(backend, request(5, await startImage('rb', RED, BLUE)));
    expect(result.conditioningUsed).toBe('i2v');
    const w = media.width;
    const left = meanColour(frames[0]!, w, 0, w / 2);
    const right = meanColour(frames[0]!, w, w / 2, w);
    // Within a few levels of the image's own colours (the tiny decoder's other channels add a little).
    left.forEach((v, c) => expect(Math.abs(v - RED[c]!)).toBeLessThan(12));
    right.forEach((v, c) => expect(Math.abs(v - BLUE[c]!)).toBeLessThan(12));
    // A text-only take of the same seed shows nothing of the kind.
    const plain = await take(backend, request(5));
    const plainLeft = meanColour(plain.frames[0]!, w, 0, w / 2);
    expect(Math.abs(plainLeft[0]! - RED[0]!) + Math.abs(plainLeft[2]! - RED[2]!)).toBeGreaterThan(40);
  });

  test('frame 0 is the same for any seed (held), the frames after it are not', async () => {
    const image = await startImage('bb', BLUE, RED);
    const a = await take(backend, request(1, image));
    const b = await take(backend, request(2, image));
    expect(Buffer.from(a.frames[0]!).equals(Buffer.from(b.frames[0]!))).toBe(true);
    expect(Buffer.from(a.frames[8]!).equals(Buffer.from(b.frames[8]!))).toBe(false);
    expect(Object.fromEntries(backend.lastTake!.runs.calls)).toMatchObject({ 'encoder:init': 1 });
    expect(backend.lastTake!.runs.calls.has('encoder:step')).toBe(false);
    expect(backend.residentGraphs().filter((k) => k.startsWith('encoder:'))).toEqual([]);
  });

  test("each step's timesteps are per latent frame: 0 for the image's frame, t for the rest", async () => {
    const b = readBundle(dir);
    const m = b.manifest;
    const pool = new SessionPool(b, 'cpu', newRunStats());
    try {
      const shape = [m.latent.channels, 5, 4, 6] as const;
      const pixels = await imagePixels((await startImage('p', RED, BLUE)).start.path, 96, 64);
      const image = await encodeImage({
        manifest: m,
        pixels,
        latentShape: shape,
        signal: new AbortController().signal,
        session: (k) => pool.get(k),
      });
      const session = await pool.get('expert:dense');
      const seen: number[][] = [];
      const run = session.run.bind(session);
      jest.spyOn(session, 'run').mockImplementation((feeds, outputs) => {
        const t = feeds[m.transformer.timestep.name]!;
        expect(t.dims).toEqual([1, 5]);
        seen.push([...(t.data as Uint16Array)]);
        return run(feeds, outputs);
      });
      const schedule = flowSchedule(3, m.sampling.shift);
      const L = m.tokenizer.maxLength * Number(m.textEncoder.output.shape[2]);
      const out = await denoise({
        manifest: m,
        schedule,
        quality: 'final',
        latents: new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(0.5),
        latentShape: shape,
        cond: new Float32Array(L).fill(0.1),
        uncond: new Float32Array(L),
        image,
        signal: new AbortController().signal,
        expertSession: async () => session,
        onStep: () => {},
      });
      // fp16 bits of 0 and of each t: two calls (cond, uncond) per step.
      const half = toHalfBits;
      expect(seen).toHaveLength(6);
      seen.forEach((ts, i) => {
        const t = schedule.timesteps[Math.floor(i / 2)]!;
        expect(ts).toEqual([0, half(t), half(t), half(t), half(t)]);
      });
      // The result's frame 0 is the image's latent frame exactly.
      const plane = 4 * 6;
      for (let c = 0; c < m.latent.channels; c++)
        expect(out.subarray(c * 5 * plane, c * 5 * plane + plane)).toEqual(
          image.data.subarray(c * plane, (c + 1) * plane),
        );
    } finally {
      await pool.releaseAll();
    }
  });
});

describe('I2V-A14B: mask and encoded video as input channels, two experts', () => {
  let backend: OnnxBackend;
  beforeAll(async () => {
    backend = new OnnxBackend({ model: await bundle({ variant: 'wan22-i2v-a14b' }), provider: 'cpu' });
  });
  afterAll(() => backend.dispose());

  test("Wan's I2V config: boundary 900, guidance 3.5 on both experts, the encoder over all latent frames", async () => {
    const red = await take(backend, request(9, await startImage('r', RED, RED)));
    expect(red.result.expertGuidance).toEqual([
      { expert: 'high_noise', guidance: 3.5, steps: expect.any(Number) },
      { expert: 'low_noise', guidance: 3.5, steps: expect.any(Number) },
    ]);
    const calls = Object.fromEntries(backend.lastTake!.runs.calls);
    // 17 frames -> 5 latent frames: frame 0 by the init graph, the 4 zero chunks by the step graph.
    expect(calls).toMatchObject({ 'encoder:init': 1, 'encoder:step': 4 });
    const blue = await take(backend, request(9, await startImage('b', BLUE, BLUE)));
    expect(Buffer.concat(red.frames).equals(Buffer.concat(blue.frames))).toBe(false);
    expect(blue.result.conditioningUsed).toBe('i2v');
  });

  test('a graph taking cond and uncond as one batch gets y twice and makes the same take', async () => {
    const batched = new OnnxBackend({
      model: await bundle({ variant: 'wan22-i2v-a14b', batch: 'dynamic' }),
      provider: 'cpu',
    });
    const image = await startImage('pair', RED, BLUE);
    const a = await take(batched, request(4, image));
    expect(Object.fromEntries(batched.lastTake!.runs.calls)).toMatchObject({ 'expert:high_noise': 3 });
    const b = await take(backend, request(4, image));
    const x = Buffer.concat(a.frames);
    const y = Buffer.concat(b.frames);
    let worst = 0;
    for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i]! - y[i]!));
    expect(worst).toBeLessThanOrEqual(2);
    await batched.dispose();
  });

  test('y is the mask (1 on latent frame 0 only) then the encoded video', async () => {
    const b = readBundle(backend.options.model!);
    const pool = new SessionPool(b, 'cpu', newRunStats());
    try {
      const pixels = await imagePixels((await startImage('m', RED, BLUE)).start.path, 48, 32);
      const shape = [16, 5, 4, 6] as const;
      const y = await encodeImage({
        manifest: b.manifest,
        pixels,
        latentShape: shape,
        signal: new AbortController().signal,
        session: (k) => pool.get(k),
      });
      expect(y.kind).toBe('channels');
      const plane = 24;
      expect(y.data).toHaveLength(20 * 5 * plane);
      for (let c = 0; c < 4; c++)
        for (let t = 0; t < 5; t++)
          expect(new Set(y.data.subarray((c * 5 + t) * plane, (c * 5 + t + 1) * plane))).toEqual(
            new Set([t === 0 ? 1 : 0]),
          );
      // Latent frames after 0 come from zero frames, yet differ from a zero image's: the caches carry the image.
      const encodedLater = y.data.subarray((4 * 5 + 1) * plane, (4 * 5 + 2) * plane);
      const zero = await encodeImage({
        manifest: b.manifest,
        pixels: new Float32Array(pixels.length),
        latentShape: shape,
        signal: new AbortController().signal,
        session: (k) => pool.get(k),
      });
      expect(encodedLater).not.toEqual(zero.data.subarray((4 * 5 + 1) * plane, (4 * 5 + 2) * plane));
    } finally {
      await pool.releaseAll();
    }
  });
});

describe("first-and-last-frame on I2V-A14B: Wan2.1's FLF2V y", () => {
  let backend: OnnxBackend;
  beforeAll(async () => {
    backend = new OnnxBackend({ model: await bundle({ variant: 'wan22-i2v-a14b' }), provider: 'cpu' });
  });
  afterAll(() => backend.dispose());

  test('y: the mask on the first and last frames, the end image as the last frame of the last chunk', async () => {
    const b = readBundle(backend.options.model!);
    const m = b.manifest;
    const pool = new SessionPool(b, 'cpu', newRunStats());
    try {
      const start = await imagePixels((await startImage('fs', RED, BLUE)).start.path, 48, 32);
      const end = await imagePixels((await startImage('fe', BLUE, BLUE)).start.path, 48, 32);
      const shape = [16, 5, 4, 6] as const;
      const step = await pool.get('encoder:step');
      const chunks: Float32Array[] = [];
      const run = step.run.bind(step);
      jest.spyOn(step, 'run').mockImplementation((feeds, outputs) => {
        chunks.push((feeds[m.vaeEncoder!.step.video.name]!.data as Float32Array).slice());
        return run(feeds, outputs);
      });
      const encode = (endPixels?: Float32Array) =>
        encodeImage({
          manifest: m,
          pixels: start,
          ...(endPixels && { endPixels }),
          latentShape: shape,
          signal: new AbortController().signal,
          session: (k) => pool.get(k),
        });
      const flf = await encode(end);
      // 17 frames = [first, 15 zeros, last]: the step graph takes three zero chunks, then [0, 0, 0, last].
      const P = 48 * 32;
      expect(chunks).toHaveLength(4);
      chunks.slice(0, 3).forEach((chunk) => expect(chunk.every((v) => v === 0)).toBe(true));
      const last = chunks[3]!;
      for (let c = 0; c < 3; c++) {
        expect(last.subarray(c * 4 * P, (c * 4 + 3) * P).every((v) => v === 0)).toBe(true);
        expect(last.subarray((c * 4 + 3) * P, (c * 4 + 4) * P)).toEqual(end.subarray(c * P, (c + 1) * P));
      }
      // The mask per latent frame (rows) and channel (columns): all of frame 0, only the last channel of frame 4.
      const plane = 24;
      const mask = [0, 1, 2, 3, 4].map((t) =>
        [0, 1, 2, 3].map((c) => [
          ...new Set(flf.data.subarray((c * 5 + t) * plane, (c * 5 + t + 1) * plane)),
        ]),
      );
      expect(mask).toEqual([
        [[1], [1], [1], [1]],
        [[0], [0], [0], [0]],
        [[0], [0], [0], [0]],
        [[0], [0], [0], [0]],
        [[0], [0], [0], [1]],
      ]);
      // The encoder is causal: the end image changes the last latent frame only, against the same start's i2v y.
      const i2v = await encode();
      const frameEqual = [0, 1, 2, 3, 4].map((t) =>
        Array.from({ length: 16 }, (_, c) => (4 + c) * 5 + t).every((row) =>
          Buffer.from(flf.data.buffer, row * plane * 4, plane * 4).equals(
            Buffer.from(i2v.data.buffer, row * plane * 4, plane * 4),
          ),
        ),
      );
      expect(frameEqual).toEqual([true, true, true, true, false]);
    } finally {
      await pool.releaseAll();
    }
  });

  test('a flf2v take runs and reports flf2v; the end image changes it', async () => {
    const start = await startImage('bs', RED, RED);
    const flf = await take(backend, request(6, bridge(start, await startImage('be', BLUE, BLUE))));
    expect(flf.result.conditioningUsed).toBe('flf2v');
    expect(Object.fromEntries(backend.lastTake!.runs.calls)).toMatchObject({
      'encoder:init': 1,
      'encoder:step': 4,
    });
    const i2v = await take(backend, request(6, start));
    expect(i2v.result.conditioningUsed).toBe('i2v');
    expect(Buffer.concat(flf.frames).equals(Buffer.concat(i2v.frames))).toBe(false);
  });

  test('a bundle without firstLastFrame runs a flf2v shot as i2v from its start image, and says so', async () => {
    const older = new OnnxBackend({
      model: await bundle({ variant: 'wan22-i2v-a14b', firstLastFrame: false }),
      provider: 'cpu',
    });
    try {
      const start = await startImage('os', RED, BLUE);
      const fallback = await take(older, request(7, bridge(start, await startImage('oe', BLUE, BLUE))));
      expect(fallback.result.conditioningUsed).toBe('i2v');
      // The same weights (same seed) run the start image alone: the end image was not used.
      const i2v = await take(backend, request(7, start));
      expect(Buffer.concat(fallback.frames).equals(Buffer.concat(i2v.frames))).toBe(true);
    } finally {
      await older.dispose();
    }
  });

  test('an end image is refused, with a code and both languages, on a take too short or a bundle without it', async () => {
    const encode = async (dir: string, T: number) => {
      const b = readBundle(dir);
      const pool = new SessionPool(b, 'cpu', newRunStats());
      try {
        return await encodeImage({
          manifest: b.manifest,
          pixels: new Float32Array(3 * 48 * 32),
          endPixels: new Float32Array(3 * 48 * 32),
          latentShape: [16, T, 4, 6],
          signal: new AbortController().signal,
          session: (k) => pool.get(k),
        }).catch((e: unknown) => e);
      } finally {
        await pool.releaseAll();
      }
    };
    const short = await encode(backend.options.model!, 1);
    expect(short).toMatchObject({
      code: 'INVALID_SHOT',
      message: expect.stringContaining('at least 5 frames (4k + 1)'),
      params: { frames: 1, least: 5 },
    });
    expectWordedInBothLanguages(short);
    // A take that short is refused before any graph opens: one frame at 24 fps is one native frame.
    const fresh = new OnnxBackend({ model: backend.options.model!, provider: 'cpu' });
    const bridged = bridge(await startImage('ss', RED, RED), await startImage('se', BLUE, BLUE));
    const refused: unknown = await fresh
      .generate({ ...request(1, bridged), frames: 1 }, fakeContext())
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'INVALID_SHOT', params: { frames: 1, least: 5 } });
    expect([fresh.lastTake, fresh.residentGraphs()]).toEqual([undefined, []]);
    await fresh.dispose();
    const older = await encode(await bundle({ variant: 'wan22-i2v-a14b', firstLastFrame: false }), 5);
    expect(older).toMatchObject({
      code: 'INVALID_SHOT',
      message: expect.stringContaining('does not take a first and a last frame'),
    });
    expectWordedInBothLanguages(older);
  });
});
