/** @jest-environment ./test/companion/onnx/ort-environment.js */
// export-wan end to end on tiny official-architecture checkpoints: Wan's own classes build the checkpoint
// (tools/wan-export/make_tiny.py), `shotline export-wan`'s runner exports it, and the bundle then loads, passes the
// DirectML opset check and makes frames through the real onnxruntime-node pipeline.
import { execFileSync, spawnSync } from 'node:child_process';
import sharp from 'sharp';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MANIFEST_FILE } from '../../shared/model-bundle';
import { readBundle } from '../../companion/backends/onnx/bundle';
import { OnnxBackend } from '../../companion/backends/onnx/onnx-backend';
import { opsetProblem, readOpset } from '../../companion/backends/onnx/opset-check';
import { exportWan } from '../../companion/backends/onnx/wan-export-runner';
import { describeWithPeer } from './peer-suite';
import { makeTinyCheckpoint, WAN_TOOL, wanPython } from './wan-tools';

describeWithPeer(
  'export-wan on tiny official-architecture checkpoints',
  { name: 'wan2.2', marker: '.' },
  (wan) => {
    let work: string;
    let python: string;
    beforeAll(() => {
      work = mkdtempSync(join(tmpdir(), 'shotline-wan-export-'));
      python = wanPython();
    });
    afterAll(() => rmSync(work, { recursive: true, force: true }));

    test.each([
      ['wan22-a14b', 'fp32', 'wan22-t2v-a14b', ['high_noise', 'low_noise']],
      ['wan22-5b', 'fp32', 'wan22-ti2v-5b', ['dense']],
      ['wan22-i2v-a14b', 'fp32', 'wan22-i2v-a14b', ['high_noise', 'low_noise']],
      // Half-width weights: the graphs still pass the checks and make frames.
      ['wan22-a14b', 'bf16', 'wan22-t2v-a14b', ['high_noise', 'low_noise']],
    ] as const)('%s %s: checkpoint -> bundle -> frames', async (variant, dtype, manifestVariant, experts) => {
      const checkpoint = makeTinyCheckpoint(python, wan, work, variant);
      const out = join(work, `${variant}-${dtype}-bundle`);
      // A low external-data threshold: the tiny graphs take the layout real (> 2 GB) graphs need.
      const manifest = await exportWan({
        checkpoint,
        out,
        variant,
        dtype,
        python,
        wanSource: wan,
        externalOver: 50_000,
      });
      expect(manifest.variant).toBe(manifestVariant);
      expect(manifest.transformer.experts.map((e) => e.id)).toEqual(experts);
      expect(manifest.export).toEqual({
        tool: 'export-wan',
        dtype,
        opset: 17,
        checkedFor: ['dml', 'cuda', 'tensorrt', 'coreml', 'webgpu', 'cpu'],
      });
      expect(manifest.transformer.experts.every((e) => e.externalData.length === 1)).toBe(true);

      const bundle = readBundle(out);
      // Attention is the one fused node, not MatMul + Softmax over the whole sequence.
      const ops = execFileSync(python, [
        '-c',
        'import onnx, sys; print(" ".join(sorted({n.op_type for n in onnx.load(sys.argv[1], load_external_data=False).graph.node})))',
        bundle.path(manifest.transformer.experts[0]!.file),
      ]).toString();
      expect(ops.split(' ')).toContain('MultiHeadAttention');
      expect(ops.split(' ')).not.toContain('Softmax');
      // The image variants carry the streaming VAE encoder; the text-only A14B does not.
      const encoder = manifest.vaeEncoder
        ? [manifest.vaeEncoder.init.file, manifest.vaeEncoder.step.file]
        : [];
      expect(encoder.length > 0).toBe(variant !== 'wan22-a14b');
      for (const file of [
        ...manifest.transformer.experts.map((e) => e.file),
        manifest.textEncoder.file,
        ...encoder,
      ]) {
        expect(readOpset(bundle.path(file))).toBe(17);
        expect(opsetProblem(file, readOpset(bundle.path(file)), 'dml')).toBeNull();
      }

      // Real sizes would take minutes on two cores: one small size, few frames and steps.
      const json = JSON.parse(readFileSync(join(out, MANIFEST_FILE), 'utf8'));
      const stride = manifest.latent.spatialStride * 2;
      json.sampling = {
        ...json.sampling,
        steps: 3,
        frames: 5,
        sizes: [{ width: 3 * stride, height: 2 * stride }],
      };
      writeFileSync(join(out, MANIFEST_FILE), JSON.stringify(json));
      const backend = new OnnxBackend({ model: out, provider: 'cpu', previewEvery: 0 });
      // The image variants start from a still (written here): the encoder graphs run inside the take.
      const still = join(work, `${variant}-start.png`);
      await sharp({ create: { width: 3 * stride, height: 2 * stride, channels: 3, background: '#c03020' } })
        .png()
        .toFile(still);
      const start = { path: still, sha256: '0'.repeat(64), width: 3 * stride, height: 2 * stride };
      try {
        expect(backend.info().capabilities.conditioning).toEqual(encoder.length ? ['i2v'] : undefined);
        const result = await backend.generate(
          {
            shot: {
              prompt: 'a man walks in the rain at night',
              size: { width: 3 * stride, height: 2 * stride },
              fps: manifest.sampling.fps,
            },
            frames: 5,
            seed: 7,
            ...(encoder.length && {
              conditioning: { mode: 'i2v', start: { ...start, source: { kind: 'still', path: still } } },
            }),
          } as never,
          { signal: new AbortController().signal, onProgress: () => {} } as never,
        );
        expect(result.media.kind).toBe('frames');
        const frames: Uint8Array[] = [];
        if (result.media.kind === 'frames') for await (const f of result.media.frames) frames.push(f.slice());
        expect(frames).toHaveLength(5);
        expect(frames[0]!.length).toBe(3 * stride * 2 * stride * 4);
        // Random weights still decode to a picture that is not one flat colour.
        expect(new Set(frames[2]).size).toBeGreaterThan(8);
        if (encoder.length) {
          expect(result.conditioningUsed).toBe('i2v');
          expect(backend.lastTake!.runs.calls.get('encoder:init')).toBe(1);
        }
      } finally {
        await backend.dispose();
      }
    });

    test('the DirectML check refuses opset 18, an If and double arithmetic, and passes a graph inside its set', () => {
      const bad = join(work, 'bad.onnx');
      // Built with onnx's own helper: the three things a TorchScript export can bring in that DirectML lacks.
      const make = [
        'import onnx, sys',
        'from onnx import helper as h, TensorProto as T',
        'branch = h.make_graph([h.make_node("Identity", ["x"], ["b"])], "b", [], [h.make_tensor_value_info("b", T.FLOAT, [1])])',
        'nodes = [h.make_node("Cast", ["x"], ["d"], to=T.DOUBLE), h.make_node("If", ["c"], ["y"], then_branch=branch, else_branch=branch)]',
        'g = h.make_graph(nodes, "g", [h.make_tensor_value_info("x", T.FLOAT, [1]), h.make_tensor_value_info("c", T.BOOL, [])], [h.make_tensor_value_info("y", T.FLOAT, [1])])',
        'onnx.save(h.make_model(g, opset_imports=[h.make_opsetid("", 18)]), sys.argv[1])',
      ].join('\n');
      execFileSync(python, ['-c', make, bad]);
      const result = spawnSync(python, [join(WAN_TOOL, 'check_graph.py'), bad], { encoding: 'utf8' });
      expect(result.status).toBe(1);
      expect(result.stdout).toContain('imports opset 18; DirectML runs 17 at most');
      expect(result.stdout).toContain("uses operators outside DirectML's set: If");
      expect(result.stdout).toContain('computes in double (no DirectML kernel)');
      // The check also runs inside every export above; here a minimal graph inside the set passes.
      const ok = join(work, 'ok.onnx');
      execFileSync(python, [
        '-c',
        [
          'import onnx, sys',
          'from onnx import helper as h, TensorProto as T',
          'v = lambda n: h.make_tensor_value_info(n, T.FLOAT, [1])',
          'g = h.make_graph([h.make_node("Add", ["x", "x"], ["y"])], "g", [v("x")], [v("y")])',
          'onnx.save(h.make_model(g, opset_imports=[h.make_opsetid("", 17)]), sys.argv[1])',
        ].join('\n'),
        ok,
      ]);
      const good = spawnSync(python, [join(WAN_TOOL, 'check_graph.py'), ok], { encoding: 'utf8' });
      expect(good.stdout.trim()).toBe('ok.onnx: ok');
      expect(good.status).toBe(0);
    });

    test('a missing Wan source is one sentence naming the flag', async () => {
      await expect(
        exportWan({
          checkpoint: work,
          out: join(work, 'x'),
          variant: 'wan22-5b',
          dtype: 'fp32',
          python,
          wanSource: undefined,
        }),
      ).rejects.toThrow('pass --wan-source DIR (or set WAN_SOURCE)');
    });

    test('a python without torch is named, with the setup command', async () => {
      await expect(
        exportWan({
          checkpoint: work,
          out: join(work, 'x'),
          variant: 'wan22-5b',
          dtype: 'fp32',
          python: 'python3',
          wanSource: wan,
        }),
      ).rejects.toThrow(/python3 has no \w+ .*setup\.sh/);
    });
  },
);
