// export-wan's report -> shotline-model.json: the variant's documented sampling, the graphs the export wrote.
import { ExportReportSchema, manifestFromReport } from '../../../companion/backends/onnx/export-manifest';
import { parseManifest } from '../../../shared/model-bundle';

// The shape tools/wan-export/export_wan.py prints for a tiny A14B checkpoint (test/peers/wan-export checks the real one).
const report = (over: object = {}) =>
  ExportReportSchema.parse({
    variant: 'wan22-t2v-a14b',
    dtype: 'fp16',
    compute: 'fp16',
    opset: 17,
    checkedFor: ['dml', 'cpu'],
    experts: [
      {
        id: 'high_noise',
        minTimestep: 875,
        guidance: 4,
        file: 'dit_high_noise.onnx',
        externalData: ['dit_high_noise.onnx.data'],
      },
      { id: 'low_noise', minTimestep: 0, guidance: 3, file: 'dit_low_noise.onnx', externalData: [] },
    ],
    latentChannels: 16,
    textLength: 512,
    textDim: 4096,
    patch: [1, 2, 2],
    textEncoder: { file: 't5_encoder.onnx', externalData: ['t5_encoder.onnx.data'] },
    vae: {
      cacheCount: 32,
      spatialStride: 8,
      init: { file: 'vae_decoder_init.onnx', externalData: [] },
      step: { file: 'vae_decoder.onnx', externalData: [] },
    },
    tokenizer: 'google/umt5-xxl/tokenizer.json',
    ...over,
  });

test('A14B: both experts with their switch and guidance, the streaming VAE, the export record', () => {
  const m = manifestFromReport(report(), 'Wan2.2-T2V-A14B (fp16)');
  expect(m.transformer.experts).toEqual([
    {
      id: 'high_noise',
      file: 'dit_high_noise.onnx',
      externalData: ['dit_high_noise.onnx.data'],
      minTimestep: 875,
      guidance: 4,
    },
    { id: 'low_noise', file: 'dit_low_noise.onnx', externalData: [], minTimestep: 0, guidance: 3 },
  ]);
  expect(m.textEncoder).toMatchObject({ file: 't5_encoder.onnx', externalData: ['t5_encoder.onnx.data'] });
  expect(m.vae).toMatchObject({
    kind: 'streaming',
    cache: { count: 32, inputPrefix: 'c', outputPrefix: 'nc' },
  });
  expect(m.export).toEqual({
    tool: 'export-wan',
    dtype: 'fp16',
    compute: 'fp16',
    opset: 17,
    checkedFor: ['dml', 'cpu'],
  });
  expect(m.sampling).toMatchObject({ steps: 40, shift: 12, frames: 81 });
  // Not the community Wan2.1 export: no borrowed source line.
  expect(m.source).toBeUndefined();
});

test('5B: 48 channels, VAE stride 16, one dense expert', () => {
  const m = manifestFromReport(
    report({
      variant: 'wan22-ti2v-5b',
      latentChannels: 48,
      experts: [{ id: 'dense', minTimestep: 0, guidance: 5, file: 'dit.onnx', externalData: [] }],
      vae: {
        cacheCount: 30,
        spatialStride: 16,
        init: { file: 'a.onnx', externalData: [] },
        step: { file: 'b.onnx', externalData: [] },
      },
    }),
    'tiny',
  );
  expect(m.latent).toMatchObject({ channels: 48, spatialStride: 16 });
  expect(m.sampling.sizes).toContainEqual({ width: 1280, height: 704 });
  expect(m.vae.kind === 'streaming' && m.vae.init.latent.shape).toEqual([1, 48, 1, 'h', 'w']);
});

const i2vReport = (over: object = {}) =>
  report({
    variant: 'wan22-i2v-a14b',
    experts: [
      { id: 'high_noise', minTimestep: 900, guidance: 3.5, file: 'dit_high_noise.onnx', externalData: [] },
      { id: 'low_noise', minTimestep: 0, guidance: 3.5, file: 'dit_low_noise.onnx', externalData: [] },
    ],
    image: 'channels',
    vaeEncoder: {
      cacheCount: 24,
      init: { file: 'vae_encoder_init.onnx', externalData: [] },
      step: { file: 'vae_encoder.onnx', externalData: ['vae_encoder.onnx.data'] },
    },
    ...over,
  });

test('I2V-A14B: first-and-last-frame in the manifest only when the report says the experts take it', () => {
  const flf = manifestFromReport(i2vReport({ firstLastFrame: true }), 'Wan2.2-I2V-A14B (fp16)');
  expect(flf.transformer.image).toMatchObject({ kind: 'channels', firstLastFrame: true });
  // A report (and a manifest) from before the field: image to video only, and it still parses.
  const older = manifestFromReport(i2vReport(), 'Wan2.2-I2V-A14B (fp16)');
  expect(older.transformer.image).not.toHaveProperty('firstLastFrame');
  expect(parseManifest(JSON.parse(JSON.stringify(older)))).toMatchObject({ ok: true });
});

test('I2V-A14B: boundary 900, guidance 3.5/3.5, shift 5, the image input and the streaming encoder', () => {
  const m = manifestFromReport(i2vReport(), 'Wan2.2-I2V-A14B (fp16)');
  expect(m.sampling).toMatchObject({ steps: 40, shift: 5, frames: 81 });
  expect(m.transformer.image).toEqual({
    kind: 'channels',
    input: { name: 'image_conditioning', dtype: 'float', shape: [1, 20, 'F', 'H', 'W'] },
  });
  expect(m.transformer.timestep.shape).toEqual([1]);
  expect(m.vaeEncoder).toMatchObject({
    init: { file: 'vae_encoder_init.onnx', video: { shape: [1, 3, 1, 'H', 'W'] } },
    step: {
      file: 'vae_encoder.onnx',
      externalData: ['vae_encoder.onnx.data'],
      video: { shape: [1, 3, 4, 'H', 'W'] },
    },
    cache: { count: 24, inputPrefix: 'c', outputPrefix: 'nc' },
  });
});

test('5B with the encoder: the image is the first latent frame, one timestep per latent frame', () => {
  const m = manifestFromReport(
    report({
      variant: 'wan22-ti2v-5b',
      latentChannels: 48,
      experts: [{ id: 'dense', minTimestep: 0, guidance: 5, file: 'dit.onnx', externalData: [] }],
      image: 'first-latent',
      vaeEncoder: {
        cacheCount: 24,
        init: { file: 'vae_encoder_init.onnx', externalData: [] },
        step: { file: 'vae_encoder.onnx', externalData: [] },
      },
    }),
    'tiny',
  );
  expect(m.transformer.image).toEqual({ kind: 'first-latent' });
  expect(m.transformer.timestep.shape).toEqual([1, 'F']);
  expect(m.vaeEncoder?.init.latent.shape).toEqual([1, 48, 1, 'h', 'w']);
});

test('an I2V manifest without its encoder or image input is refused, naming what is missing', () => {
  const m = manifestFromReport(report({ variant: 'wan22-t2v-a14b' }), 'x');
  const i2v = { ...m, variant: 'wan22-i2v-a14b' };
  expect(parseManifest(i2v)).toEqual({
    ok: false,
    problems: ['transformer.image: wan22-i2v-a14b takes its image as input channels (kind "channels")'],
  });
  const noEncoder = { ...m, transformer: { ...m.transformer, image: { kind: 'first-latent' } } };
  expect(parseManifest(noEncoder)).toMatchObject({
    ok: false,
    problems: expect.arrayContaining([
      'vaeEncoder: image conditioning needs the VAE encoder graphs (vaeEncoder)',
      "transformer.timestep.shape: first-latent conditioning needs one timestep per latent frame [1, 'F']",
      'transformer.image: wan22-t2v-a14b cannot take an image as "first-latent"',
    ]),
  });
});

test('fp8: float8 expert weights computing in fp16 at opset 19, checked for CUDA and the CPU', () => {
  const m = manifestFromReport(
    report({ dtype: 'fp8', compute: 'fp16', opset: 19, checkedFor: ['cuda', 'cpu'] }),
    'Wan2.2-T2V-A14B (fp8)',
  );
  expect(m.export).toEqual({
    tool: 'export-wan',
    dtype: 'fp8',
    compute: 'fp16',
    opset: 19,
    checkedFor: ['cuda', 'cpu'],
  });
});

test('fp8 weights recorded with any compute but fp16 are refused, naming the field', () => {
  const m = manifestFromReport(report(), 'x');
  const fp32 = { ...m, export: { ...m.export, dtype: 'fp8', compute: 'fp32' } };
  expect(parseManifest(fp32)).toEqual({
    ok: false,
    problems: ['export.compute: fp8 weights compute in fp16 (compute "fp16")'],
  });
  expect(() => report({ dtype: 'fp4' })).toThrow();
});

test('a report that is not export_wan.py output is refused', () => {
  expect(() => report({ opset: 'seventeen' })).toThrow();
});
