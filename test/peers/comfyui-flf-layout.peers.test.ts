/** @jest-environment ./test/companion/onnx/ort-environment.js */
// Shotline's first-and-last-frame y against the real ComfyUI's WanFirstLastFrameToVideo (the node ComfyUI's official
// Wan2.2 14B FLF2V workflow feeds the I2V-A14B experts with): the same pixel frames go into the VAE encoder (the
// start image first, the end image last, zeros between) and the model gets the same mask per latent frame.
// The ComfyUI side runs the node's own execute with a VAE that records its input (comfyui_flf_layout.py); the
// Shotline side runs encodeImage on the tiny I2V-A14B bundle, its encoder graphs' feeds recorded.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBundle } from '../../companion/backends/onnx/bundle';
import { newRunStats } from '../../companion/backends/onnx/graph-session';
import { encodeImage } from '../../companion/backends/onnx/image-latents';
import { SessionPool } from '../../companion/backends/onnx/session-pool';
import { makeTestBundle } from '../../companion/backends/onnx/test-model/make-test-bundle';
import { INSTALL_DIR, installComfyUI } from './comfyui-server';
import { describeWithPeer } from './peer-suite';

interface Layout {
  frames: string[];
  mask: number[][][];
}

/** Planar [3, n, H, W] frames, each named by the constant picture it holds. */
function labelFrames(data: Float32Array, n: number, plane: number, named: Record<string, number>): string[] {
  return Array.from({ length: n }, (_, f) => {
    const values = [0, 1, 2].flatMap((c) => [...data.subarray((c * n + f) * plane, (c * n + f + 1) * plane)]);
    const name = Object.entries(named).find(([, v]) => values.every((x) => Math.abs(x - v) < 1e-4));
    return name?.[0] ?? 'other';
  });
}

describeWithPeer(
  "first-and-last-frame layout against ComfyUI's WanFirstLastFrameToVideo",
  { name: 'comfyui', marker: 'setup.sh' },
  (peerDir) => {
    let work: string;
    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), 'shotline-flf-layout-'));
      await installComfyUI(peerDir);
      await makeTestBundle(join(work, 'bundle'), { variant: 'wan22-i2v-a14b' });
    });
    afterAll(() => rmSync(work, { recursive: true, force: true }));

    test.each([5, 17])('%i frames: the same encoded frames and the same mask', async (F) => {
      // setup.sh's layout: DIR/venv, DIR/stubs (torchvision, torchsde), DIR/ComfyUI.
      const comfy: Layout = JSON.parse(
        execFileSync(
          join(INSTALL_DIR, 'venv', 'bin', 'python'),
          [join(__dirname, 'comfyui_flf_layout.py'), join(INSTALL_DIR, 'ComfyUI'), String(F)],
          {
            encoding: 'utf8',
            env: { ...process.env, PYTHONPATH: join(INSTALL_DIR, 'stubs') },
            // ComfyUI's import warnings (no torchaudio) are not the test's business.
            stdio: ['ignore', 'pipe', 'pipe'],
            timeout: 120_000,
          },
        )
          .trim()
          .split('\n')
          .at(-1)!,
      );

      const bundle = readBundle(join(work, 'bundle'));
      const pool = new SessionPool(bundle, 'cpu', newRunStats());
      const [H, W] = [32, 48];
      const T = (F - 1) / 4 + 1;
      const frames: string[] = [];
      // ComfyUI's 0.9 and 0.1 greys as Shotline's pixels in [−1, 1].
      const named = { start: 0.8, end: -0.8, zero: 0 };
      try {
        for (const key of ['encoder:init', 'encoder:step'] as const) {
          const session = await pool.get(key);
          const run = session.run.bind(session);
          jest.spyOn(session, 'run').mockImplementation((feeds, outputs) => {
            const video =
              feeds[bundle.manifest.vaeEncoder![key === 'encoder:init' ? 'init' : 'step'].video.name]!;
            const n = video.dims[2]!;
            frames.push(...labelFrames(video.data as Float32Array, n, H * W, named));
            return run(feeds, outputs);
          });
        }
        const y = await encodeImage({
          manifest: bundle.manifest,
          pixels: new Float32Array(3 * H * W).fill(0.8),
          endPixels: new Float32Array(3 * H * W).fill(-0.8),
          latentShape: [16, T, H / 8, W / 8],
          signal: new AbortController().signal,
          session: (k) => pool.get(k),
        });
        const plane = (H / 8) * (W / 8);
        const mask = Array.from({ length: T }, (_, t) =>
          [0, 1, 2, 3].map((c) => [
            ...new Set(y.data.subarray((c * T + t) * plane, (c * T + t + 1) * plane)),
          ]),
        );
        expect(frames).toEqual(comfy.frames);
        expect(mask).toEqual(comfy.mask);
        // Not vacuous: both ends are there.
        expect(frames[0]).toBe('start');
        expect(frames.at(-1)).toBe('end');
      } finally {
        await pool.releaseAll();
      }
    });
  },
);
