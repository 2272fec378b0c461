// `shotline generate --quality draft` then `shotline promote`: real processes, a tiny bundle, real ffmpeg.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WAN_NEGATIVE_PROMPT } from '../../shared/model-bundle';
import { shotline } from '../support/shotline-cli';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shotline-cli-promote-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sidecar = (name: string) =>
  JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;

test('a 4-step draft, then the same take at final quality from its sidecar', () => {
  const model = join(dir, 'model');
  expect(shotline('make-test-model', model, '--variant', 'wan22-a14b', '--draft').code).toBe(0);
  const onnx = ['--backend', 'onnx', '--model', model, '--provider', 'cpu', '--quiet'];
  const base = [
    '--prompt',
    'A lighthouse in a storm.',
    '--duration',
    '1',
    '--size',
    '320x180',
    '--seed',
    '77',
  ];
  const draft = shotline('generate', ...base, ...onnx, '--quality', 'draft', '--out', join(dir, 'take.mp4'));
  expect(draft.stderr).toBe('');
  expect(sidecar('take.json')).toMatchObject({ quality: 'draft', steps: 4, guidance: 1, seed: 77 });

  const final = shotline('promote', join(dir, 'take.mp4'), '--model', model, '--provider', 'cpu', '--quiet');
  expect(final.stderr).toBe('');
  expect(final.code).toBe(0);
  expect(sidecar('take_final.json')).toMatchObject({
    quality: 'final',
    steps: 8,
    seed: 77,
    prompt: 'A lighthouse in a storm.',
    backend: 'onnx',
    negativePrompt: WAN_NEGATIVE_PROMPT,
    noise: 'fast',
    expertGuidance: [
      { expert: 'high_noise', guidance: 4, steps: 6 },
      { expert: 'low_noise', guidance: 3, steps: 2 },
    ],
  });

  const again = shotline('promote', join(dir, 'take_final.mp4'), '--model', model);
  expect(again.code).toBe(2);
  expect(again.stderr).toContain('is not a draft take');
});

test('write-manifest --draft describes one distilled graph per expert and LightX2V’s step list', () => {
  const folder = join(dir, 'real');
  expect(shotline('make-test-model', folder, '--variant', 'wan22-a14b').code).toBe(0);
  expect(shotline('write-manifest', folder, '--variant', 'wan22-a14b', '--draft', '--force').code).toBe(0);
  const manifest = JSON.parse(readFileSync(join(folder, 'shotline-model.json'), 'utf8')) as {
    draft: { experts: { id: string; file: string }[]; denoisingSteps: number[]; shift: number };
  };
  expect(manifest.draft.experts.map((e) => e.file)).toEqual([
    'dit_high_noise_4step.onnx',
    'dit_low_noise_4step.onnx',
  ]);
  expect(manifest.draft).toMatchObject({ denoisingSteps: [1000, 750, 500, 250], shift: 5 });
});
