// The manifest schema describes the community Wan2.1 export as published, and the Wan2.2 A14B and 5B layouts.
import {
  ModelManifestSchema,
  parseManifest,
  wanManifest,
  WAN_NEGATIVE_PROMPT,
} from '../../../shared/model-bundle';

describe('known bundles', () => {
  test('AkaneTendo25/wan21-onnx, exactly as DESIGN.md §4 describes it', () => {
    const m = ModelManifestSchema.parse(wanManifest('wan21-t2v-14b'));
    expect(m.tokenizer).toEqual({ file: 'google/umt5-xxl/tokenizer.json', padId: 0, maxLength: 512 });
    expect(m.textEncoder).toEqual({
      file: 't5_encoder_fp16.onnx',
      externalData: ['t5_encoder_fp16.onnx.data'],
      inputIds: { name: 'input_ids', dtype: 'int64', shape: ['B', 'S'] },
      attentionMask: { name: 'attention_mask', dtype: 'int64', shape: ['B', 'S'] },
      output: { name: 'text_embeddings', dtype: 'float32', shape: ['B', 'S', 4096] },
    });
    expect(m.transformer).toEqual({
      patch: [1, 2, 2],
      experts: [
        { id: 'dense', file: 'dit.onnx', externalData: ['dit.onnx.data'], minTimestep: 0, guidance: 5 },
      ],
      batch: 1,
      latent: { name: 'latent_input', dtype: 'float32', shape: [1, 16, 'F', 'H', 'W'] },
      timestep: { name: 'timestep', dtype: 'float32', shape: [1] },
      context: { name: 'text_embeddings', dtype: 'float32', shape: [1, 512, 4096] },
      output: { name: 'noise_prediction', dtype: 'float32', shape: [1, 16, 'F', 'H', 'W'] },
    });
    expect(m.vae).toMatchObject({
      kind: 'streaming',
      init: {
        file: 'vae_decoder_init.onnx',
        latent: { name: 'latent_frame', shape: [1, 16, 1, 'h', 'w'] },
        video: { name: 'video_frames', shape: [1, 3, 1, 'H', 'W'] },
      },
      step: { file: 'vae_decoder.onnx', video: { shape: [1, 3, 4, 'H', 'W'] } },
      cache: { count: 33, inputPrefix: 'c', outputPrefix: 'nc' },
      normalization: { kind: 'in-graph' },
    });
    expect(m.sampling).toMatchObject({
      frames: 81,
      fps: { num: 16, den: 1 },
      negativePrompt: WAN_NEGATIVE_PROMPT,
    });
    const fp16 = ModelManifestSchema.parse(wanManifest('wan21-t2v-14b', { ditFile: 'dit_fp16.onnx' }));
    expect(fp16.transformer.experts[0]).toMatchObject({
      file: 'dit_fp16.onnx',
      externalData: ['dit_fp16.onnx.data'],
    });
    expect(fp16.transformer.latent.dtype).toBe('float');
  });

  test('Wan2.2 T2V-A14B: two experts split at t = 875 with guidance 4.0 / 3.0, 40 steps, shift 12', () => {
    const m = ModelManifestSchema.parse(wanManifest('wan22-t2v-a14b'));
    expect(m.transformer.experts.map((e) => [e.id, e.minTimestep, e.guidance])).toEqual([
      ['high_noise', 875, 4],
      ['low_noise', 0, 3],
    ]);
    expect(m.sampling).toMatchObject({ steps: 40, shift: 12, solver: 'unipc', frames: 81 });
  });

  test('Wan2.2 TI2V-5B: dense, 48 channels, 16x VAE, 121 frames at 24 fps, 1280x704', () => {
    const m = ModelManifestSchema.parse(wanManifest('wan22-ti2v-5b'));
    expect(m.latent).toEqual({ channels: 48, temporalStride: 4, spatialStride: 16 });
    expect(m.sampling).toMatchObject({ steps: 50, shift: 5, frames: 121, fps: { num: 24, den: 1 } });
    expect(m.sampling.sizes).toContainEqual({ width: 1280, height: 704 });
  });

  test('TI2V-5B sizes divide by 32 (VAE stride 16 x patch 2): 1280x720 is refused', () => {
    const draft = wanManifest('wan22-ti2v-5b');
    draft.sampling.sizes = [{ width: 1280, height: 720 }];
    expect(parseManifest(draft)).toEqual({
      ok: false,
      problems: ['sampling.sizes.0: 1280x720 must be a multiple of 32x32 (VAE stride 16 x patch 2x2)'],
    });
  });

  test('a native-fp16 A14B export (float16 expert I/O) fits the manifest', () => {
    const m = ModelManifestSchema.parse(wanManifest('wan22-t2v-a14b'));
    // "float" is float32 or float16, whichever the graph declares (graph-contract reads the session).
    expect(
      [m.transformer.latent, m.transformer.timestep, m.transformer.context, m.transformer.output].map(
        (t) => t.dtype,
      ),
    ).toEqual(['float', 'float', 'float', 'float']);
  });

  test('the export record: opset and the providers the operator check covered', () => {
    const m = ModelManifestSchema.parse({
      ...wanManifest('wan22-t2v-a14b'),
      export: { tool: 'export-wan', dtype: 'fp16', opset: 17, checkedFor: ['dml', 'cpu'] },
    });
    expect(m.export).toEqual({ tool: 'export-wan', dtype: 'fp16', opset: 17, checkedFor: ['dml', 'cpu'] });
    expect(
      parseManifest({
        ...wanManifest('wan22-t2v-a14b'),
        export: { tool: 'x', dtype: 'fp8', opset: 17, checkedFor: [] },
      }).ok,
    ).toBe(false);
  });
});

describe('problems are reported with their path', () => {
  type Draft = ReturnType<typeof wanManifest> & { extra?: number };
  const base = (): Draft => JSON.parse(JSON.stringify(wanManifest('wan22-t2v-a14b')));

  test.each([
    ['frames not 4n+1', (m: Draft) => (m.sampling.frames = 80), 'sampling.frames: frames must be 4n+1'],
    [
      'size off the stride',
      (m: Draft) => (m.sampling.sizes = [{ width: 1004, height: 720 }]),
      'sampling.sizes.0: 1004x720 must be a multiple of 16x16 (VAE stride 8 x patch 2x2)',
    ],
    [
      // On the VAE's stride 8 but not on stride x patch: the transformer could not patchify the latent grid.
      'size off stride x patch',
      (m: Draft) => (m.sampling.sizes = [{ width: 1288, height: 720 }]),
      'sampling.sizes.0: 1288x720 must be a multiple of 16x16 (VAE stride 8 x patch 2x2)',
    ],
    [
      'no expert for t < boundary',
      (m: Draft) => (m.transformer.experts[1]!.minTimestep = 100),
      'transformer.experts: one expert must start at minTimestep 0',
    ],
    [
      'path out of the bundle',
      (m: Draft) => (m.tokenizer.file = '../x.json'),
      'tokenizer.file: bundle paths are relative and stay inside the bundle folder',
    ],
    [
      'absolute path',
      (m: Draft) => (m.textEncoder.file = '/models/t5.onnx'),
      'textEncoder.file: bundle paths are relative and stay inside the bundle folder',
    ],
    [
      'text length off the tokenizer',
      (m: Draft) => (m.tokenizer.maxLength = 256),
      'transformer.context.shape: text length 512 differs from tokenizer.maxLength 256',
    ],
    ['unknown key', (m: Draft) => (m.extra = 1), '(root): Unrecognized key: "extra"'],
  ])('%s', (_name, mutate, problem) => {
    const m = base();
    mutate(m);
    const result = parseManifest(m);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toContain(problem);
  });
});
