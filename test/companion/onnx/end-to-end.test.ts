/** @jest-environment ./test/companion/onnx/ort-environment.js */
// Through the Companion core: tiny Wan bundle -> native 48x32@16 frames -> conformed H.264 320x180@24.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitForJobs } from '../../../companion/cli/run-jobs';
import sharp from 'sharp';
import { Companion } from '../../../companion/companion';
import { locateTool } from '../../../companion/media/tool-locator';
import { ProvenanceSchema, type Provenance } from '../../../shared/protocol';
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

/**
 * A Bridge gap through the Companion on a tiny bundle: red start and blue end stills, a flf2v shot of 16 frames;
 * `check` reads the finished clip's folder, provenance and the backend's modes before the folder goes.
 */
async function bridgeTake(
  options: Parameters<typeof tinyBundle>[0],
  check: (out: string, provenance: Provenance, modes: unknown) => void,
): Promise<void> {
  const bundle = await tinyBundle(options);
  const out = mkdtempSync(join(tmpdir(), 'shotline-onnx-bridge-'));
  const companion = new Companion({
    outputDir: out,
    backends: ['onnx'],
    backendSettings: { onnx: { model: bundle.dir, provider: 'cpu' } },
  });
  try {
    const still = (name: string, background: string) =>
      sharp({ create: { width: 320, height: 180, channels: 3, background } })
        .png()
        .toFile(join(out, name));
    await still('start.png', '#d02828');
    await still('end.png', '#2030d0');
    const conditioning = {
      mode: 'flf2v' as const,
      action: 'bridge' as const,
      startImage: { kind: 'still' as const, path: join(out, 'start.png') },
      endImage: { kind: 'still' as const, path: join(out, 'end.png') },
    };
    const jobs = companion.submit([shot({ seed: 3, duration: { frames: 16 }, conditioning })], {
      ownerId: 't',
      outPath: join(out, 'clip.mp4'),
    });
    const result = await waitForJobs(companion, jobs, () => undefined);
    expect(result.failed.map((j) => j.error)).toEqual([]);
    const provenance = ProvenanceSchema.parse(JSON.parse(readFileSync(join(out, 'clip.json'), 'utf8')));
    check(out, provenance, companion.backendInfos()[0]!.capabilities.conditioning);
  } finally {
    await companion.close();
    rmSync(out, { recursive: true, force: true });
    bundle.cleanup();
  }
}

test('a bridge on an I2V-A14B bundle runs first-and-last-frame: provenance keeps both images', async () => {
  await bridgeTake({ variant: 'wan22-i2v-a14b' }, (out, provenance, modes) => {
    expect(modes).toEqual(['i2v', 'flf2v']);
    expect(provenance.conditioning).toMatchObject({
      requested: 'flf2v',
      used: 'flf2v',
      action: 'bridge',
      endImage: {
        source: { kind: 'still', path: join(out, 'end.png') },
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
    expect(provenance.conditioning?.endImage?.sha256).not.toBe(provenance.conditioning?.startImage.sha256);
  });
});

test('a bridge on an image bundle runs image-to-video from its start image: the clip opens on it', async () => {
  await bridgeTake({ variant: 'wan22-ti2v-5b', image: true }, (out, provenance, modes) => {
    expect(modes).toEqual(['i2v']);
    // No first-and-last-frame on a TI2V-5B bundle: the end image is unused, and the record says so.
    expect(provenance.conditioning).toMatchObject({ requested: 'flf2v', used: 'i2v', action: 'bridge' });
    expect(provenance.conditioning?.endImage).toBeUndefined();
    // Frame 0 of the conformed H.264 clip is the start image's red, within the codec's and the tiny VAE's error
    // (the middle of the frame: the 3:2 native picture is pillarboxed into 16:9).
    const rgb = execFileSync(locateTool('ffmpeg'), [
      ...['-v', 'error', '-i', join(out, 'clip.mp4'), '-frames:v', '1', '-vf', 'crop=160:120'],
      ...['-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
    ]);
    const mean = [0, 1, 2].map((c) => {
      let sum = 0;
      for (let p = c; p < rgb.length; p += 3) sum += rgb[p]!;
      return sum / (rgb.length / 3);
    });
    expect(Math.abs(mean[0]! - 0xd0)).toBeLessThan(16);
    expect(Math.abs(mean[1]! - 0x28)).toBeLessThan(16);
    expect(Math.abs(mean[2]! - 0x28)).toBeLessThan(16);
  });
});
