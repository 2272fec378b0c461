/** @jest-environment ./test/companion/onnx/ort-environment.js */
// A broken bundle fails at load time with MODEL_INVALID naming the file and the mismatch, before any step runs.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBundle } from '../../../companion/backends/onnx/bundle';
import type { GraphSession } from '../../../companion/backends/onnx/graph-session';
import { OnnxBackend } from '../../../companion/backends/onnx/onnx-backend';
import { decodeFrames } from '../../../companion/backends/onnx/vae-decode';
import { buildDit } from '../../../companion/backends/onnx/test-model/dit-graph';
import { MANIFEST_FILE } from '../../../shared/model-bundle';
import { expectWordedInBothLanguages } from '../../support/panel-wording';
import { fakeContext, shot, tinyBundle } from './tiny-bundle';

let bundle: { dir: string; cleanup(): void };
beforeEach(async () => {
  bundle = await tinyBundle();
});
afterEach(() => bundle.cleanup());

async function loadError(dir: string) {
  const backend = new OnnxBackend({ model: dir, provider: 'cpu' });
  const ctx = fakeContext();
  const error = await backend.generate({ shot: shot(), take: 1, seed: 1, frames: 24 }, ctx).then(
    () => undefined,
    (err: unknown) => err as { code: string; message: string },
  );
  await backend.dispose();
  expect(ctx.progress.some((p) => p.phase === 'generating')).toBe(false);
  return { error, info: backend.info() };
}

test('no model configured: unavailable, with the reason', () => {
  expect(new OnnxBackend().info()).toMatchObject({
    available: false,
    reason: expect.stringMatching(/--model DIR/),
  });
});

test('a missing graph file is named with its role', async () => {
  rmSync(join(bundle.dir, 'vae_decoder.onnx'));
  const { error, info } = await loadError(bundle.dir);
  expect(error).toMatchObject({ code: 'MODEL_INVALID' });
  expect(error!.message).toBe(`Model bundle ${bundle.dir} is missing vae_decoder.onnx (VAE decoder (step)).`);
  expect(info).toMatchObject({ available: false, reason: error!.message });
});

test('missing external data is named', async () => {
  rmSync(join(bundle.dir, 'dit.onnx.data'));
  const { error } = await loadError(bundle.dir);
  expect(error!.message).toMatch(/missing dit\.onnx\.data \(transformer \(dense\) external data\)/);
});

test('a manifest input name the graph does not have', async () => {
  const path = join(bundle.dir, MANIFEST_FILE);
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  manifest.transformer.latent.name = 'latents';
  writeFileSync(path, JSON.stringify(manifest));
  const { error } = await loadError(bundle.dir);
  expect(error).toMatchObject({
    code: 'MODEL_INVALID',
    message:
      'dit.onnx: input "latents" is not in the graph (its inputs: latent_input, timestep, text_embeddings).',
  });
  expectWordedInBothLanguages(error);
});

test('a graph whose input shape differs from the manifest', async () => {
  const wrong = buildDit(
    {
      channels: 16,
      textDim: 32,
      textLength: 8,
      modelDim: 32,
      heads: 2,
      batch: 1,
      io: 'float32',
      attention: 'mha',
      seed: 1,
    },
    'dit.onnx.data',
  );
  writeFileSync(join(bundle.dir, 'dit.onnx'), wrong.model);
  writeFileSync(join(bundle.dir, 'dit.onnx.data'), wrong.data);
  const { error } = await loadError(bundle.dir);
  expect(error).toMatchObject({
    code: 'MODEL_INVALID',
    message: 'dit.onnx: input "text_embeddings" has shape [1,8,32]; the manifest says [1,16,32].',
  });
  expectWordedInBothLanguages(error);
});

test('a manifest that breaks the schema lists each problem with its path', async () => {
  const path = join(bundle.dir, MANIFEST_FILE);
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  manifest.sampling.frames = 16;
  manifest.textEncoder.file = '../t5.onnx';
  writeFileSync(path, JSON.stringify(manifest));
  const { error } = await loadError(bundle.dir);
  expect(error!.message).toContain(`${path} does not match the manifest schema:`);
  expect(error!.message).toContain(
    'textEncoder.file: bundle paths are relative and stay inside the bundle folder',
  );
  expect(error!.message).toContain('sampling.frames: frames must be 4n+1');
});

test('a file that is not ONNX at all', async () => {
  writeFileSync(join(bundle.dir, 'vae_decoder_init.onnx'), 'not a model');
  const { error } = await loadError(bundle.dir);
  expect(error).toMatchObject({ code: 'MODEL_INVALID' });
  expect(error!.message).toMatch(
    /^vae:init vae_decoder_init\.onnx \(.*vae_decoder_init\.onnx\) could not be opened on \[cpu\]: /,
  );
  // onnxruntime's reason stays verbatim (it cannot be translated); the rest of the sentence is the panel's.
  expectWordedInBothLanguages(error);
});

test('bfloat16 experts on a provider without bfloat16 kernels are refused with the provider to use', async () => {
  const file = join(bundle.dir, MANIFEST_FILE);
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  const record = { tool: 'export-wan', dtype: 'bf16', compute: 'bf16', opset: 17, checkedFor: ['cuda'] };
  writeFileSync(file, JSON.stringify({ ...manifest, export: record }));
  const { error } = await loadError(bundle.dir);
  expect(error).toMatchObject({ code: 'MODEL_INVALID' });
  expect(error!.message).toMatch(
    /^.+'s experts compute in bfloat16 \(export-wan --dtype bf16\), which onnxruntime runs only on CUDA, not on .*CPU.*: use --provider cuda, or re-export with --dtype fp16\.$/,
  );
  expectWordedInBothLanguages(error);
});

test('a VAE decoder whose video output is not [1,3,F,H,W] is named with the shape it gave', async () => {
  const { manifest } = readBundle(bundle.dir);
  // The graph runs, but what comes out has four channels: the check reads only the output's dims.
  const fourChannels = { dims: [1, 4, 1, 8, 8], data: new Float32Array(4 * 64), location: 'cpu' };
  const session = {
    file: 'vae_decoder.onnx',
    float: () => fourChannels,
    run: () => Promise.resolve(new Proxy({}, { get: () => fourChannels })),
  } as unknown as GraphSession;
  const frames = decodeFrames({
    manifest,
    latents: new Float32Array(manifest.latent.channels * 4),
    latentShape: [manifest.latent.channels, 1, 2, 2],
    signal: new AbortController().signal,
    session: () => Promise.resolve(session),
  });
  const error: unknown = await frames.next().catch((e: unknown) => e);
  expect(error).toMatchObject({
    code: 'MODEL_INVALID',
    message: 'vae_decoder.onnx: video output has shape [1,4,1,8,8], not [1,3,F,H,W].',
  });
  expectWordedInBothLanguages(error);
});
