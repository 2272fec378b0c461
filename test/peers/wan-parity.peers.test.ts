/** @jest-environment ./test/companion/onnx/ort-environment.js */
// Parity with the official implementation: the same prompt embeddings, noise and schedule through Wan's own
// sampling loop and VAE (tools/wan-export/parity.py, on Wan's classes from ../shared/peers/wan2.2) and through
// Shotline's onnxruntime-node pipeline on the bundle export-wan made from the same tiny checkpoint. The image
// cases start both from the same image: Wan's WanTI2V.i2v and WanI2V.generate loops against Shotline's VAE
// encoder graphs, held first latent frame (5B) and mask + encoded-video input (I2V-A14B). The first-and-last-frame
// case gives I2V-A14B Wan2.1's FLF2V y (mask on the first and last frames, VAE([first, zeros, last]), built in
// parity.py as Wan2.1's first_last_frame2video.py builds it) on both sides, over 9 frames so a zero chunk lies
// between the two images.
//
// Tolerance: both sides compute in float32 and differ only in operation order (SDPA against MatMul+Softmax,
// Wan's float64 complex RoPE and timestep sinusoid against the graphs' float32 real ones), which moves a value by
// a few float32 ulps per layer (~1e-7 relative) and the solver carries it across steps; 1e-4 of the latents'
// scale leaves room for that and still fails on any real difference (a wrong expert, guidance, sigma or RoPE
// axis moves the latents by 1e-2 or more). Frames: ±1 of 255 (one rounding step of the byte conversion).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBundle } from '../../companion/backends/onnx/bundle';
import { denoise } from '../../companion/backends/onnx/denoise';
import { newRunStats } from '../../companion/backends/onnx/graph-session';
import { flowSchedule } from '../../companion/backends/onnx/schedulers/flow-schedule';
import { SessionPool } from '../../companion/backends/onnx/session-pool';
import { decodeFrames } from '../../companion/backends/onnx/vae-decode';
import { encodeImage } from '../../companion/backends/onnx/image-latents';
import { exportWan } from '../../companion/backends/onnx/wan-export-runner';
import { describeWithPeer } from './peer-suite';
import { makeTinyCheckpoint, runWanTool, wanPython, type WanVariant } from './wan-tools';

const floats = (file: string) => {
  const bytes = readFileSync(file);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4).slice();
};

/** max |a − b| over max |b|: the error relative to the tensor's scale. */
function relativeError(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / scale;
}

describeWithPeer("parity with Wan2.2's own pipeline code", { name: 'wan2.2', marker: '.' }, (wan) => {
  let work: string;
  let python: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'shotline-wan-parity-'));
    python = wanPython();
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  // A14B: 6 steps at shift 12 put 4 on the high-noise expert (t >= 875) and 2 on the low-noise one; I2V-A14B's
  // 6 steps at shift 5 put 3 on each side of its boundary 900 (both at guidance 3.5).
  test.each([
    ['wan22-a14b', '48x32', [4, 4, 4, 4, 3, 3], 't2v'],
    ['wan22-5b', '96x64', [5, 5, 5, 5, 5, 5], 't2v'],
    ['wan22-i2v-a14b', '48x32', [3.5, 3.5, 3.5, 3.5, 3.5, 3.5], 'i2v'],
    ['wan22-i2v-a14b', '48x32', [3.5, 3.5, 3.5, 3.5, 3.5, 3.5], 'flf2v'],
    ['wan22-5b', '96x64', [5, 5, 5, 5, 5, 5], 'i2v'],
  ] as [WanVariant, string, number[], 't2v' | 'i2v' | 'flf2v'][])(
    '%s at %s (guidance %j; %s): latents after every step and the decoded frames',
    async (variant, size, guidance, mode) => {
      const image = mode !== 't2v';
      const flf = mode === 'flf2v';
      const label = `${variant}${image ? ` ${mode}` : ''}`;
      const dir = join(work, `${variant}-${mode}`);
      const checkpoint = makeTinyCheckpoint(python, wan, work, variant);
      await exportWan({
        checkpoint,
        out: join(dir, 'bundle'),
        variant,
        dtype: 'fp32',
        python,
        wanSource: wan,
      });
      const ref = join(dir, 'reference');
      runWanTool(python, 'parity.py', [
        checkpoint,
        ref,
        '--variant',
        variant,
        '--wan-source',
        wan,
        '--size',
        size,
        ...(image ? ['--image'] : []),
        ...(flf ? ['--last-frame', '--frames', '9'] : []),
      ]);
      const meta = JSON.parse(readFileSync(join(ref, 'meta.json'), 'utf8')) as {
        latentShape: [number, number, number, number];
        frameShape: [number, number, number, number];
        steps: number;
        shift: number;
        timesteps: number[];
        guidance: number[];
      };
      expect(meta.guidance).toEqual(guidance);

      const bundle = readBundle(join(dir, 'bundle'));
      const m = bundle.manifest;
      const schedule = flowSchedule(meta.steps, meta.shift);
      expect([...schedule.timesteps]).toEqual(meta.timesteps);
      const pool = new SessionPool(bundle, 'cpu', newRunStats());
      const history = floats(join(ref, 'latents.bin'));
      const n = meta.latentShape.reduce((a, b) => a * b, 1);
      const latents = floats(join(ref, 'noise.bin'));
      const errors: number[] = [];
      try {
        const imageLatents = image
          ? await encodeImage({
              manifest: m,
              pixels: floats(join(ref, 'image.bin')),
              ...(flf && { endPixels: floats(join(ref, 'end.bin')) }),
              latentShape: meta.latentShape,
              signal: new AbortController().signal,
              session: (key) => pool.get(key),
            })
          : undefined;
        const out = await denoise({
          manifest: m,
          schedule,
          quality: 'final',
          latents,
          latentShape: meta.latentShape,
          cond: floats(join(ref, 'cond.bin')),
          uncond: floats(join(ref, 'uncond.bin')),
          ...(imageLatents && { image: imageLatents }),
          signal: new AbortController().signal,
          expertSession: (key) => pool.get(key),
          // Called before each solver step: x is then the latents Wan had before the same step.
          onStep: (step) => errors.push(relativeError(latents, history.subarray((step - 1) * n, step * n))),
        });
        errors.push(relativeError(out, history.subarray(meta.steps * n)));
        expect(errors).toHaveLength(meta.steps + 1);
        for (const e of errors) expect(e).toBeLessThan(1e-4);
        // The tolerance can fail: one step of the sampler moves the latents far more than it allows.
        expect(relativeError(history.subarray(n, 2 * n), history.subarray(0, n))).toBeGreaterThan(1e-2);
        process.stderr.write(`${label} parity: worst latent error ${Math.max(...errors).toExponential(2)}\n`);

        // Decode Wan's own final latents on both sides: frames within one byte step.
        const [, F, H, W] = meta.frameShape;
        const want = floats(join(ref, 'frames.bin'));
        let worst = 0;
        let j = 0;
        for await (const rgba of decodeFrames({
          manifest: m,
          latents: history.slice(meta.steps * n),
          latentShape: meta.latentShape,
          signal: new AbortController().signal,
          session: (key) => pool.get(key),
        })) {
          for (let p = 0; p < H * W; p++)
            for (let c = 0; c < 3; c++) {
              const x = want[(c * F + j) * H * W + p]!;
              worst = Math.max(worst, Math.abs(rgba[p * 4 + c]! - Math.round(((x + 1) / 2) * 255)));
            }
          j++;
        }
        expect(j).toBe(F);
        expect(worst).toBeLessThanOrEqual(1);
        process.stderr.write(`${label} parity: worst frame difference ${worst} of 255\n`);
      } finally {
        await pool.releaseAll();
      }
    },
  );
});
