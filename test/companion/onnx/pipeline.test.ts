/** @jest-environment ./test/companion/onnx/ort-environment.js */
// The onnx backend on tiny Wan-shaped bundles (CPU): frame counts, experts, guidance batching, determinism, cancel.
import type { GenerationPreview } from '../../../companion/backends/backend';
import { OnnxBackend } from '../../../companion/backends/onnx/onnx-backend';
import type { ShotlineError } from '../../../shared/protocol';
import { collect, fakeContext, shot, tinyBundle } from './tiny-bundle';

const bundles: { cleanup(): void }[] = [];
afterAll(() => bundles.forEach((b) => b.cleanup()));
async function bundle(...args: Parameters<typeof tinyBundle>) {
  const b = await tinyBundle(...args);
  bundles.push(b);
  return b.dir;
}

async function take(backend: OnnxBackend, seed: number, frames = 24, ctx = fakeContext()) {
  const result = await backend.generate({ shot: shot(), take: 1, seed, frames }, ctx);
  if (result.media.kind !== 'frames') throw new Error('expected raw frames');
  return { result, media: result.media, frames: await collect(result.media.frames), ctx };
}

describe('Wan2.1 community layout (one expert, batch 1, streaming VAE)', () => {
  let backend: OnnxBackend;
  beforeAll(async () => {
    backend = new OnnxBackend({ model: await bundle(), provider: 'cpu' });
  });
  afterAll(() => backend.dispose());

  test('reports the native size, rate and 4n+1 frames the manifest allows', async () => {
    expect(backend.info()).toMatchObject({ available: true, capabilities: { fps: [{ num: 16, den: 1 }] } });
    const { media, frames, result } = await take(backend, 7);
    // 1 s at 24 fps = 16 native frames at 16 fps -> 4·4+1 = 17 (the manifest's maximum).
    expect(media).toMatchObject({ width: 48, height: 32, frameCount: 17, fps: { num: 16, den: 1 } });
    expect(frames).toHaveLength(17);
    expect(frames.every((f) => f.length === 48 * 32 * 4)).toBe(true);
    expect(result).toMatchObject({ model: 'tiny-wan21-t2v-14b', steps: 6, guidance: 5 });
    const short = await take(backend, 7, 10); // 10/24 s -> 7 native -> 9 = 1 + 4·2
    expect(short.frames).toHaveLength(9);
  });

  test('streams the VAE: init once, then one step per later latent frame; two DiT calls per step', async () => {
    await take(backend, 3);
    const calls = Object.fromEntries(backend.lastTake!.runs.calls);
    expect(calls).toMatchObject({ 'expert:dense': 12, 'vae:init': 1, 'vae:step': 4 });
  });

  test('same seed and settings give bit-identical frames; another seed does not', async () => {
    const a = await take(backend, 42);
    const b = await take(backend, 42);
    const c = await take(backend, 43);
    expect(Buffer.concat(a.frames).equals(Buffer.concat(b.frames))).toBe(true);
    expect(Buffer.concat(a.frames).equals(Buffer.concat(c.frames))).toBe(false);
    // Frames carry the video, not a constant: clamped values span the range.
    const all = Buffer.concat(a.frames);
    expect(Math.min(...all.subarray(0, 4000))).toBe(0);
  });

  test('progress per step, previews every few steps through the context', async () => {
    const previews: GenerationPreview[] = [];
    const withPreview = new OnnxBackend({ model: backend.options.model!, provider: 'cpu', previewEvery: 4 });
    const ctx = fakeContext();
    ctx.onPreview = (p) => previews.push(p);
    await take(withPreview, 1, 24, ctx);
    await withPreview.dispose();
    expect(ctx.progress.filter((p) => p.phase === 'generating').map((p) => p.step)).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
    expect(previews.map((p) => [p.step, p.total, p.mime, p.width, p.height])).toEqual([
      [4, 6, 'image/png', 6, 4],
      [6, 6, 'image/png', 6, 4],
    ]);
    expect(Buffer.from(previews[0]!.data.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
  });

  test('cancellation between steps stops sampling and frees every session', async () => {
    const controller = new AbortController();
    const ctx = fakeContext(controller.signal);
    ctx.onProgress = (p) => {
      if (p.phase === 'generating' && p.step === 2) controller.abort();
    };
    await expect(backend.generate({ shot: shot(), take: 1, seed: 1, frames: 24 }, ctx)).rejects.toMatchObject(
      {
        code: 'JOB_CANCELLED',
      } satisfies Partial<ShotlineError>,
    );
    expect(backend.lastTake!.runs.calls.get('expert:dense')).toBe(4);
    expect(backend.residentGraphs()).toEqual([]);
    // The next take reloads and runs normally.
    expect((await take(backend, 1)).frames).toHaveLength(17);
  });
});

describe('Wan2.2 A14B layout (two experts, boundary 875)', () => {
  // 8 steps at shift 12: σ_i = S(0.999·(1 − i/8)) >= 0.875 for i = 0…5, so 6 high-noise steps, 2 low-noise.
  test('switches experts at the boundary with per-expert guidance, two calls per step', async () => {
    const backend = new OnnxBackend({ model: await bundle({ variant: 'wan22-t2v-a14b' }), provider: 'cpu' });
    const { result } = await take(backend, 5);
    expect(Object.fromEntries(backend.lastTake!.runs.calls)).toMatchObject({
      'expert:high_noise': 12,
      'expert:low_noise': 4,
    });
    expect(result.guidance).toBe(4);
    await backend.dispose();
  });

  test('one-expert residency gives the same frames and frees the high-noise expert at the switch', async () => {
    const dir = await bundle({ variant: 'wan22-t2v-a14b' });
    const all = new OnnxBackend({ model: dir, provider: 'cpu' });
    const one = new OnnxBackend({ model: dir, provider: 'cpu', residency: 'one' });
    const a = await take(all, 9);
    const resident: string[][] = [];
    const ctx = fakeContext();
    ctx.onProgress = (p) => {
      if (p.phase === 'generating') resident.push(one.residentGraphs());
    };
    const b = await take(one, 9, 24, ctx);
    expect(Buffer.concat(a.frames).equals(Buffer.concat(b.frames))).toBe(true);
    expect(resident[0]).toEqual(['expert:high_noise']);
    expect(resident[7]).toEqual(['expert:low_noise']);
    expect(one.residentGraphs()).toEqual([]);
    await Promise.all([all.dispose(), one.dispose()]);
  });

  test('a graph taking batch 2 runs cond + uncond in one call, with the same result', async () => {
    const batched = new OnnxBackend({
      model: await bundle({ variant: 'wan22-t2v-a14b', batch: 'dynamic' }),
      provider: 'cpu',
    });
    const single = new OnnxBackend({ model: await bundle({ variant: 'wan22-t2v-a14b' }), provider: 'cpu' });
    const a = await take(batched, 11);
    expect(Object.fromEntries(batched.lastTake!.runs.calls)).toMatchObject({
      'expert:high_noise': 6,
      'expert:low_noise': 2,
    });
    const b = await take(single, 11);
    const x = Buffer.concat(a.frames);
    const y = Buffer.concat(b.frames);
    let worst = 0;
    for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i]! - y[i]!));
    expect(worst).toBeLessThanOrEqual(2);
    await Promise.all([batched.dispose(), single.dispose()]);
  });
});

describe('Wan2.2 TI2V-5B layout (fp16 DiT inputs, 48 channels, 16x VAE, whole-clip decoder)', () => {
  test('passes fp16 as Uint16 bits and decodes 1 + 4(T−1) frames at 16x', async () => {
    const backend = new OnnxBackend({ model: await bundle({ variant: 'wan22-ti2v-5b' }), provider: 'cpu' });
    const { media, frames } = await take(backend, 2);
    expect(media).toMatchObject({ width: 96, height: 64, frameCount: 17, fps: { num: 24, den: 1 } });
    expect(frames).toHaveLength(17);
    expect(Object.fromEntries(backend.lastTake!.runs.calls)).toMatchObject({
      'expert:dense': 8,
      'vae:decoder': 1,
    });
    await backend.dispose();
  });
});

describe('memory-aware defaults on the real pipeline', () => {
  const sizes = [
    { width: 96, height: 64 },
    { width: 48, height: 32 },
  ];
  const estimateFor = async (dir: string, width: number, height: number) => {
    const { estimateMemory } = await import('../../../companion/backends/onnx/memory-estimate');
    const { bundleWeights, readBundle } = await import('../../../companion/backends/onnx/bundle');
    const b = readBundle(dir);
    return estimateMemory(b.manifest, bundleWeights(b), { width, height, frames: 17 });
  };

  test('a card too small for the nearest size generates the smaller one and says so, once', async () => {
    const dir = await bundle({ variant: 'wan22-t2v-a14b', dims: { sizes } });
    const big = await estimateFor(dir, 96, 64);
    const small = await estimateFor(dir, 48, 32);
    expect(small.all.peak.totalBytes).toBeLessThan(big.one.peak.totalBytes);
    const bytes = (small.all.peak.totalBytes + big.one.peak.totalBytes) / 2;
    const notices: string[] = [];
    let reads = 0;
    const backend = new OnnxBackend({
      model: dir,
      provider: 'cpu',
      memoryBudget: async () => {
        reads++;
        return { bytes, name: 'Small Card' };
      },
      notice: (line) => notices.push(line),
    });
    const first = await take(backend, 3);
    await take(backend, 4);
    await backend.dispose();
    expect(first.media).toMatchObject({ width: 48, height: 32 });
    expect(first.frames[0]).toHaveLength(48 * 32 * 4);
    expect(notices).toEqual([
      expect.stringMatching(/^96x64 would need about .* on Small Card: generating at 48x32 instead\.$/),
    ]);
    // Read before the first take only: later reads would count this backend's own graphs as taken.
    expect(reads).toBe(1);
    // With memory unknown the shot's nearest size stays.
    const unknown = new OnnxBackend({ model: dir, provider: 'cpu', memoryBudget: async () => undefined });
    expect((await take(unknown, 3)).media).toMatchObject({ width: 96, height: 64 });
    await unknown.dispose();
  });

  test('--quality draft takes the smallest documented size even when the card holds more', async () => {
    const dir = await bundle({ variant: 'wan22-t2v-a14b', dims: { sizes } });
    const draft = new OnnxBackend({ model: dir, provider: 'cpu', quality: 'draft' });
    expect((await take(draft, 3)).media).toMatchObject({ width: 48, height: 32 });
    await draft.dispose();
  });

  test('both experts not fitting picks one-graph residency by itself; the frames are the same', async () => {
    const dir = await bundle({ variant: 'wan22-t2v-a14b' });
    const est = await estimateFor(dir, 48, 32);
    const bytes = (est.one.peak.totalBytes + est.all.peak.totalBytes) / 2;
    const notices: string[] = [];
    const tight = new OnnxBackend({
      model: dir,
      provider: 'cpu',
      memoryBudget: async () => ({ bytes, name: 'Card' }),
      notice: (line) => notices.push(line),
    });
    const roomy = new OnnxBackend({ model: dir, provider: 'cpu', memoryBudget: async () => undefined });
    const resident: string[][] = [];
    const ctx = fakeContext();
    ctx.onProgress = (p) => {
      if (p.phase === 'generating') resident.push(tight.residentGraphs());
    };
    const a = await take(tight, 9, 24, ctx);
    const b = await take(roomy, 9);
    expect(tight.lastFit!.residency).toBe('one');
    expect(resident[0]).toEqual(['expert:high_noise']);
    expect(notices).toEqual([
      expect.stringContaining('one large graph resident at a time (--residency one)'),
    ]);
    expect(Buffer.concat(a.frames).equals(Buffer.concat(b.frames))).toBe(true);
    await Promise.all([tight.dispose(), roomy.dispose()]);
  });

  test('the text encoder is released before denoising, with every graph resident otherwise', async () => {
    const backend = new OnnxBackend({ model: await bundle(), provider: 'cpu', residency: 'all' });
    const resident: string[][] = [];
    const ctx = fakeContext();
    ctx.onProgress = (p) => {
      if (p.phase === 'generating') resident.push(backend.residentGraphs());
    };
    await take(backend, 2, 24, ctx);
    expect(resident[0]!.sort()).toEqual(['expert:dense', 'vae:init', 'vae:step']);
    // A cached prompt does not load the encoder again on the next take.
    const calls = async () => {
      await take(backend, 3);
      return backend.lastTake!.runs.calls.get('text_encoder') ?? 0;
    };
    expect(await calls()).toBe(0);
    await backend.dispose();
  });
});
