/** @jest-environment ./test/companion/onnx/ort-environment.js */
// Wan's own fidelity details: prompt cleaning, the default negative prompt, torch's CPU noise, the 4-step draft.
import { readFileSync } from 'node:fs';
import { OnnxBackend, defaultNegative } from '../../../companion/backends/onnx/onnx-backend';
import { cleanPrompt } from '../../../companion/backends/onnx/prompt-clean';
import { distilledSchedule } from '../../../companion/backends/onnx/schedulers/distilled-schedule';
import { torchRandn } from '../../../companion/backends/onnx/torch-random';
import {
  LIGHTX2V_WAN22_DRAFT,
  ModelManifestSchema,
  WAN_NEGATIVE_PROMPT,
  wanManifest,
} from '../../../shared/model-bundle';
import { fixturePath } from '../../support/fixtures';
import { collect, fakeContext, shot, tinyBundle } from './tiny-bundle';

const readJson = <T>(relative: string): T => JSON.parse(readFileSync(fixturePath(relative), 'utf8')) as T;

describe('prompt cleaning (Wan2.2 tokenizers.py: ftfy.fix_text, html.unescape twice, whitespace)', () => {
  const vectors = readJson<{ cases: { input: string; cleaned: string }[] }>('prompt-clean/wan-clean.json');
  test.each(vectors.cases.map((c) => [JSON.stringify(c.input), c] as const))(
    '%s cleans as Wan cleans it',
    (_, c) => {
      expect(cleanPrompt(c.input)).toBe(c.cleaned);
    },
  );
});

describe('torch-compatible noise (torch.manual_seed + torch.randn on the CPU, float32)', () => {
  const vectors = readJson<{ cases: { seed: number; n: number; bits: number[] }[] }>(
    'torch-noise/randn-cpu.json',
  );
  test.each(vectors.cases.map((c) => [c.seed, c.n, c] as const))(
    'seed %i, %i values: the same float32 bits',
    (_, __, c) => {
      const got = new Int32Array(torchRandn(c.seed, new Float32Array(c.n)).buffer);
      expect(Array.from(got)).toEqual(c.bits);
    },
  );
});

describe('the default negative prompt', () => {
  const m = ModelManifestSchema.parse(wanManifest('wan22-t2v-a14b'));
  const bare = ModelManifestSchema.parse({
    ...wanManifest('wan22-t2v-a14b'),
    sampling: { ...m.sampling, negativePrompt: '' },
  });
  test('an empty or blank negative prompt means the bundle’s, and a bundle without one means Wan’s', () => {
    expect(defaultNegative(undefined, bare)).toBe(WAN_NEGATIVE_PROMPT);
    expect(defaultNegative('', bare)).toBe(WAN_NEGATIVE_PROMPT);
    expect(defaultNegative('  \n', bare)).toBe(WAN_NEGATIVE_PROMPT);
    expect(defaultNegative('blurry', bare)).toBe('blurry');
    const own = { ...m, sampling: { ...m.sampling, negativePrompt: 'low quality' } };
    expect(defaultNegative('', own)).toBe('low quality');
  });
});

describe('4-step drafts (LightX2V distill schedule)', () => {
  test('the schedule is σ = S(step/1000) at shift 5, timesteps σ·1000 unrounded, ending at 0', () => {
    const s = distilledSchedule(LIGHTX2V_WAN22_DRAFT.denoisingSteps, LIGHTX2V_WAN22_DRAFT.shift);
    const S = (x: number) => (5 * x) / (1 + 4 * x);
    [1, 0.75, 0.5, 0.25].forEach((x, i) => {
      expect(s.sigmas[i]).toBeCloseTo(S(x), 6);
      expect(s.timesteps[i]).toBeCloseTo(1000 * S(x), 3);
    });
    expect(s.sigmas[4]).toBe(0);
    expect(s.timesteps.filter((t) => t >= 875)).toHaveLength(2); // boundary_step_index 2
  });

  test('a draft section needs one distilled graph per expert and a count-down step list', () => {
    const base = wanManifest('wan22-t2v-a14b', { draft: true });
    expect(ModelManifestSchema.safeParse(base).success).toBe(true);
    const oneExpert = { ...base, draft: { ...base.draft!, experts: base.draft!.experts.slice(0, 1) } };
    expect(ModelManifestSchema.safeParse(oneExpert).error?.issues[0]?.message).toBe(
      'needs one distilled graph per expert (high_noise,low_noise)',
    );
    const up = { ...base, draft: { ...base.draft!, denoisingSteps: [250, 500] } };
    expect(ModelManifestSchema.safeParse(up).error?.issues[0]?.message).toContain('must count down');
  });
});

describe('takes on the tiny A14B bundle', () => {
  let cleanup: () => void;
  let backend: OnnxBackend;
  beforeAll(async () => {
    const b = await tinyBundle({ variant: 'wan22-t2v-a14b', draft: true });
    cleanup = b.cleanup;
    backend = new OnnxBackend({ model: b.dir, provider: 'cpu' });
  });
  afterAll(async () => {
    await backend.dispose();
    cleanup();
  });

  async function take(overrides: Parameters<typeof shot>[0], seed = 3, noise?: OnnxBackend) {
    const result = await (noise ?? backend).generate(
      { shot: shot(overrides), take: 1, seed, frames: 24 },
      fakeContext(),
    );
    if (result.media.kind !== 'frames') throw new Error('expected frames');
    return { result, frames: await collect(result.media.frames) };
  }

  test('a final take records each expert’s guidance and steps, Wan’s negative prompt and the noise', async () => {
    const { result } = await take({ negativePrompt: '' });
    expect(result).toMatchObject({
      steps: 8,
      quality: 'final',
      noise: 'fast',
      negativePrompt: WAN_NEGATIVE_PROMPT,
      expertGuidance: [
        { expert: 'high_noise', guidance: 4, steps: 6 },
        { expert: 'low_noise', guidance: 3, steps: 2 },
      ],
    });
    // The shot's own negative prompt is not repeated as a default.
    expect((await take({ negativePrompt: 'blurry' })).result.negativePrompt).toBeUndefined();
  });

  test('prompts that Wan cleans to the same text make the same take', async () => {
    const plain = await take({ prompt: 'Smoke & mirrors: a "quiet" harbour at dawn.' }, 21);
    const messy = await take({ prompt: '  Smoke &amp;amp; mirrors:\n a “quiet”   harbour at dawn. ' }, 21);
    const other = await take({ prompt: 'Smoke and mirrors: a "quiet" harbour at dawn.' }, 21);
    expect(Buffer.concat(messy.frames).equals(Buffer.concat(plain.frames))).toBe(true);
    expect(Buffer.concat(other.frames).equals(Buffer.concat(plain.frames))).toBe(false);
  });

  test('a draft runs the distilled graphs once per step: 4 calls, no negative-prompt pass', async () => {
    const { result, frames } = await take({ quality: 'draft' });
    expect(Object.fromEntries(backend.lastTake!.runs.calls)).toEqual(
      expect.objectContaining({ 'draft:high_noise': 2, 'draft:low_noise': 2 }),
    );
    expect(backend.lastTake!.runs.calls.get('expert:high_noise')).toBeUndefined();
    expect(result).toMatchObject({
      steps: 4,
      quality: 'draft',
      guidance: 1,
      expertGuidance: [
        { expert: 'high_noise', guidance: 1, steps: 2 },
        { expert: 'low_noise', guidance: 1, steps: 2 },
      ],
    });
    expect(result.negativePrompt).toBeUndefined();
    expect(frames).toHaveLength(17);
    // The draft's graphs left memory when the final take opened its own, and the other way round.
    await take({});
    expect(backend.residentGraphs().filter((k) => k.startsWith('draft:'))).toEqual([]);
  });

  test('torch noise is recorded and makes a different take from the same seed than fast noise', async () => {
    const torch = new OnnxBackend({ model: backend.options.model!, provider: 'cpu', noise: 'torch' });
    const a = await take({}, 11, torch);
    const b = await take({}, 11, torch);
    const fast = await take({}, 11);
    await torch.dispose();
    expect(a.result.noise).toBe('torch');
    expect(Buffer.concat(a.frames).equals(Buffer.concat(b.frames))).toBe(true);
    expect(Buffer.concat(a.frames).equals(Buffer.concat(fast.frames))).toBe(false);
  });

  test('a draft of a bundle without distilled experts uses its own experts and steps, and says so once', async () => {
    const b = await tinyBundle({ variant: 'wan22-t2v-a14b' });
    const notices: string[] = [];
    const plain = new OnnxBackend({ model: b.dir, provider: 'cpu', notice: (line) => notices.push(line) });
    try {
      const first = await take({ quality: 'draft' }, 1, plain);
      await take({ quality: 'draft' }, 2, plain);
      expect(first.result).toMatchObject({ quality: 'draft', steps: plain.bundle().manifest.sampling.steps });
      expect(first.result.expertGuidance?.every((g) => g.guidance > 1)).toBe(true);
      expect(notices.filter((n) => n.includes('has no 4-step draft experts'))).toHaveLength(1);
    } finally {
      await plain.dispose();
      b.cleanup();
    }
  });
});
