/** @jest-environment ./test/companion/onnx/ort-environment.js */
// Through the Companion core: tiny Wan bundle -> native 48x32@16 frames -> conformed H.264 320x180@24.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitForJobs } from '../../../companion/cli/run-jobs';
import { Companion } from '../../../companion/companion';
import { ProvenanceSchema } from '../../../shared/protocol';
import { probeClip } from '../../support/ffprobe';
import { shot, tinyBundle } from './tiny-bundle';

test('generates a clip conformed to the shot, with provenance naming the model', async () => {
  const bundle = await tinyBundle({ variant: 'wan22-t2v-a14b' });
  const out = mkdtempSync(join(tmpdir(), 'shotline-onnx-e2e-'));
  const companion = new Companion({
    outputDir: out,
    backends: ['onnx'],
    backendSettings: { onnx: { model: bundle.dir, provider: 'cpu' } },
  });
  try {
    expect(companion.backendInfos()[0]).toMatchObject({ name: 'onnx', available: true });
    const jobs = companion.submit([shot({ seed: 3, duration: { frames: 22 } })], {
      ownerId: 't',
      outPath: join(out, 'clip.mp4'),
    });
    const result = await waitForJobs(companion, jobs, () => undefined);
    expect(result.failed.map((j) => j.error)).toEqual([]);
    expect(probeClip(join(out, 'clip.mp4'))).toEqual({
      codec: 'h264',
      width: 320,
      height: 180,
      rate: '24/1',
      frames: 22,
    });
    const provenance = ProvenanceSchema.parse(JSON.parse(readFileSync(join(out, 'clip.json'), 'utf8')));
    expect(provenance).toMatchObject({
      backend: 'onnx',
      model: 'tiny-wan22-t2v-a14b',
      steps: 8,
      guidance: 4,
      seed: 3,
    });
  } finally {
    await companion.close();
    rmSync(out, { recursive: true, force: true });
    bundle.cleanup();
  }
});
