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
import { makeTinyCheckpoint, runWanTool, WAN_TOOL, wanPython } from './wan-tools';

/** export_wan.py's verification of a half expert: errors relative to Wan's float32 output (half_precision.py). */
interface HalfVerification {
  torch: number;
  reference: number;
  onnxruntimeCpu: number | null;
  onnxruntimeCpuError?: string;
  bar: number;
}

/** fp8's verification adds each reader's error against Wan's unquantized float32 model, and its bar. */
interface Fp8Verification extends HalfVerification {
  float32: { reference: number; onnxruntimeCpu: number | null };
  float32Bar: number;
}

/** How many initializers of a graph are FLOAT8E4M3FN. */
function float8Matrices(python: string, file: string): number {
  const script = [
    'import onnx, sys',
    'g = onnx.load(sys.argv[1]).graph',
    'print(sum(t.data_type == onnx.TensorProto.FLOAT8E4M3FN for t in g.initializer))',
  ].join('\n');
  return Number(execFileSync(python, ['-c', script, file]).toString().trim());
}

/** The element type of each graph input and output, as onnx names it. */
function graphIo(python: string, file: string): Record<string, string> {
  const script = [
    'import json, onnx, sys',
    'g = onnx.load(sys.argv[1], load_external_data=False).graph',
    'name = lambda v: onnx.TensorProto.DataType.Name(v.type.tensor_type.elem_type)',
    'print(json.dumps({v.name: name(v) for v in [*g.input, *g.output]}))',
  ].join('\n');
  return JSON.parse(execFileSync(python, ['-c', script, file]).toString()) as Record<string, string>;
}

/** tools/wan-export/half_precision.py's sentences for a graph checked against Wan's precision in `dtype`. */
function precisionProblems(python: string, file: string, dtype: string): string[] {
  const script = [
    'import json, sys, onnx',
    'sys.path.insert(0, sys.argv[3])',
    'import half_precision',
    'print(json.dumps(half_precision.precision_problems(onnx.load(sys.argv[1]), sys.argv[2])))',
  ].join('\n');
  return JSON.parse(execFileSync(python, ['-c', script, file, dtype, WAN_TOOL]).toString()) as string[];
}

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
      // Native half precision: fp16 weights and compute, fp16 latents and text fed by the Node pipeline.
      ['wan22-a14b', 'fp16', 'wan22-t2v-a14b', ['high_noise', 'low_noise']],
      // Float8 matrices dequantized to fp16 in the graph (opset 19), run by onnxruntime-node's CPU provider.
      ['wan22-a14b', 'fp8', 'wan22-t2v-a14b', ['high_noise', 'low_noise']],
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
      const fp8 = dtype === 'fp8';
      expect(manifest.export).toEqual({
        tool: 'export-wan',
        dtype,
        compute: fp8 ? 'fp16' : dtype,
        opset: fp8 ? 19 : 17,
        checkedFor: fp8 ? ['cuda', 'cpu'] : ['dml', 'cuda', 'tensorrt', 'coreml', 'webgpu', 'cpu'],
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
      if (dtype !== 'fp32') {
        const expert = bundle.path(manifest.transformer.experts[0]!.file);
        // The graph's own types: fp16 in, float32 out (Wan's head runs in float32), and every node computing in
        // the type Wan computes it in (tools/wan-export/half_precision.py).
        expect(graphIo(python, expert)).toEqual({
          latent_input: 'FLOAT16',
          timestep: 'FLOAT',
          text_embeddings: 'FLOAT16',
          noise_prediction: 'FLOAT',
        });
        expect(precisionProblems(python, expert, dtype)).toEqual([]);
      }
      if (fp8) {
        // Every matrix of the blocks and the text embedding is a float8 initializer behind a DequantizeLinear.
        expect(ops.split(' ')).toContain('DequantizeLinear');
        expect(float8Matrices(python, bundle.path(manifest.transformer.experts[0]!.file))).toBe(2 * 10 + 2);
      }
      // The image variants carry the streaming VAE encoder; the text-only A14B does not.
      const encoder = manifest.vaeEncoder
        ? [manifest.vaeEncoder.init.file, manifest.vaeEncoder.step.file]
        : [];
      expect(encoder.length > 0).toBe(variant !== 'wan22-a14b');
      for (const file of [manifest.textEncoder.file, ...encoder]) {
        expect(readOpset(bundle.path(file))).toBe(17);
        expect(opsetProblem(file, readOpset(bundle.path(file)), 'dml')).toBeNull();
      }
      // fp8's experts need opset 19 (DequantizeLinear of float8), which DirectML's ceiling refuses.
      for (const { file } of manifest.transformer.experts) {
        expect(readOpset(bundle.path(file))).toBe(fp8 ? 19 : 17);
        expect(opsetProblem(file, readOpset(bundle.path(file)), 'dml') === null).toBe(!fp8);
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
        // export-wan marks I2V-A14B's experts as taking Wan2.1's first-and-last-frame y too (checkpoints.py).
        const modes = variant === 'wan22-i2v-a14b' ? ['i2v', 'flf2v'] : encoder.length ? ['i2v'] : undefined;
        expect(backend.info().capabilities.conditioning).toEqual(modes);
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

    test('bf16: native bfloat16 experts within the bar Wan sets in bf16, refused by DirectML and the CPU', () => {
      const checkpoint = makeTinyCheckpoint(python, wan, work, 'wan22-a14b');
      const out = join(work, 'a14b-bf16-bundle');
      const report = JSON.parse(
        runWanTool(
          python,
          'export_wan.py',
          [checkpoint, out, '--variant', 'wan22-a14b', '--dtype', 'bf16'].concat(['--wan-source', wan]),
        ),
      ) as {
        checkedFor: string[];
        compute: string;
        experts: { file: string; verification: HalfVerification }[];
      };
      expect(report.compute).toBe('bf16');
      // onnxruntime documents bfloat16 kernels on CUDA only; DirectML has none.
      expect(report.checkedFor).toEqual(['cuda']);
      for (const { file, verification: v } of report.experts) {
        // Wan's own model in bf16 really differs from its float32 run, and the graph, read by onnx's reference
        // evaluator, stays within twice that (at least 2 bf16 roundoffs): bf16's 8-bit significand, not fp32's.
        expect(v.torch).toBeGreaterThan(2 ** -12);
        expect(v.reference).toBeGreaterThan(0);
        expect(v.reference).toBeLessThanOrEqual(v.bar);
        expect(v.bar).toBe(2 * Math.max(v.torch, 2 ** -8));
        // The CPU provider cannot run it (no bfloat16 kernels), which is why the bundle says cuda only.
        expect(v.onnxruntimeCpu).toBeNull();
        expect(v.onnxruntimeCpuError).toMatch(/NOT_IMPLEMENTED/);
        expect(precisionProblems(python, join(out, file), 'bf16')).toEqual([]);
      }
      const dml = spawnSync(python, [join(WAN_TOOL, 'check_graph.py'), join(out, report.experts[0]!.file)], {
        encoding: 'utf8',
      });
      expect(dml.status).toBe(1);
      expect(dml.stdout).toContain('computes in bfloat16 (no DirectML kernel)');
    });

    test('the precision check names a float32 graph passed off as fp16', () => {
      // A float32 export's expert: every matmul is float32, which a native fp16 bundle must not have.
      const checkpoint = makeTinyCheckpoint(python, wan, work, 'wan22-a14b');
      const out = join(work, 'a14b-fp32-for-precision');
      runWanTool(python, 'export_wan.py', [checkpoint, out, '--variant', 'wan22-a14b', '--wan-source', wan]);
      const found = precisionProblems(python, join(out, 'dit_high_noise.onnx'), 'fp16');
      expect(found).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/MatMul.* computes in FLOAT, not fp16$/),
          expect.stringMatching(/MultiHeadAttention.* attends in FLOAT, not fp16$/),
          expect.stringMatching(/^only 0 of \d+ weights are stored in fp16$/),
        ]),
      );
    });

    test('fp8: within the fp16 bar of the same dequantized weights, and what float8 loses against float32 stated', () => {
      const checkpoint = makeTinyCheckpoint(python, wan, work, 'wan22-a14b');
      const out = join(work, 'a14b-fp8-verify');
      const report = JSON.parse(
        runWanTool(python, 'export_wan.py', [
          checkpoint,
          out,
          '--variant',
          'wan22-a14b',
          '--dtype',
          'fp8',
          '--wan-source',
          wan,
        ]),
      ) as { experts: { verification: Fp8Verification }[] };
      for (const { verification: v } of report.experts) {
        // Tight: the graph against float32 on the same dequantized weights, as an fp16 export is checked.
        expect(v.bar).toBe(2 * Math.max(v.torch, 2 ** -11));
        expect(v.reference).toBeLessThanOrEqual(v.bar);
        // The CPU provider runs it (DequantizeLinear from Float8E4M3FN to float16).
        expect(v.onnxruntimeCpu).not.toBeNull();
        expect(v.onnxruntimeCpu!).toBeLessThanOrEqual(v.bar);
        // Against Wan's unquantized float32 model: float8's 4 significant bits show (far above the fp16 bar), within
        // the stated looser bar (fp8_weights.py).
        expect(v.float32Bar).toBe(2 ** -3);
        for (const err of [v.float32.reference, v.float32.onnxruntimeCpu!]) {
          expect(err).toBeGreaterThan(4 * v.bar);
          expect(err).toBeLessThanOrEqual(v.float32Bar);
        }
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
