/** @jest-environment ./test/companion/onnx/ort-environment.js */
// TensorRT's engine cache in the data folder (one folder per bundle and size, first build announced) and the
// VAE caches left on the device where onnxruntime-node allows it (WebGPU): the options each session requests.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBundle } from '../../../companion/backends/onnx/bundle';
import { GraphSession, newRunStats } from '../../../companion/backends/onnx/graph-session';
import { hostPlatform, shippedProviders } from '../../../companion/backends/onnx/providers';
import { SessionPool } from '../../../companion/backends/onnx/session-pool';
import { sessionPlan } from '../../../companion/backends/onnx/session-options';
import { tinyBundle } from './tiny-bundle';

let bundle: Awaited<ReturnType<typeof tinyBundle>>;
let data: string;
beforeAll(async () => {
  bundle = await tinyBundle();
  data = mkdtempSync(join(tmpdir(), 'shotline-data-'));
});
afterAll(() => {
  bundle.cleanup();
  rmSync(data, { recursive: true, force: true });
});
afterEach(() => jest.restoreAllMocks());

test('TensorRT keeps its engines in the folder it is given; without one, beside the graph as before', () => {
  const graphPath = '/bundles/wan/dit.onnx';
  const engineCache = '/home/ed/.shotline/tensorrt-cache/wan-0123/16x21x60x104';
  const plan = sessionPlan(['tensorrt', 'cuda', 'cpu'], { graphPath, engineCache });
  expect(plan.env).toEqual({
    ORT_TENSORRT_ENGINE_CACHE_ENABLE: '1',
    ORT_TENSORRT_CACHE_PATH: engineCache,
    ORT_TENSORRT_TIMING_CACHE_ENABLE: '1',
  });
  expect(sessionPlan(['cuda', 'cpu'], { graphPath, engineCache }).env).toEqual({});
});

test('WebGPU leaves the named outputs in GPU buffers and copies the rest; other providers are not asked', () => {
  const graphPath = '/bundles/wan/vae_decoder.onnx';
  const deviceOutputs = ['nc0', 'nc1'];
  expect(
    sessionPlan(['webgpu', 'cpu'], { graphPath, deviceOutputs }).options.preferredOutputLocation,
  ).toEqual({
    nc0: 'gpu-buffer',
    nc1: 'gpu-buffer',
  });
  for (const chain of [['cuda', 'cpu'], ['dml', 'cpu'], ['cpu']] as const)
    expect(sessionPlan(chain, { graphPath, deviceOutputs }).options.preferredOutputLocation).toBeUndefined();
});

test('the pool asks for the streaming VAE’s cache outputs on the device, and for nothing else', async () => {
  const open = jest.spyOn(GraphSession, 'open');
  const pool = new SessionPool(readBundle(bundle.dir), 'cpu', newRunStats());
  await pool.sizeFor([16, 5, 4, 6]);
  for (const key of ['vae:step', 'vae:init', 'expert:dense'] as const) await pool.get(key);
  await pool.releaseAll();
  const needs = open.mock.calls.map((call) => [call[2], call[6]?.deviceOutputs]);
  expect(needs).toEqual([
    ['vae:step', ['nc0', 'nc1', 'nc2', 'nc3']],
    ['vae:init', ['nc0', 'nc1', 'nc2', 'nc3']],
    ['expert:dense', undefined],
  ]);
});

test('a TensorRT session announces its first build, per bundle and size, in the data folder; a built folder is quiet', async () => {
  const onLinux = shippedProviders(hostPlatform()).includes('tensorrt');
  const notices: string[] = [];
  const pool = new SessionPool(readBundle(bundle.dir), 'tensorrt', newRunStats(), {
    engineCache: join(data, 'tensorrt-cache'),
    notice: (line) => notices.push(line),
  });
  await pool.sizeFor([16, 5, 4, 6]);
  // No TensorRT on this machine: the session does not open, but the folder and the notice come first.
  const opened = await pool.get('expert:dense').then(
    () => 'opened',
    (err: Error) => err.message,
  );
  if (!onLinux) {
    expect(opened).toContain('TensorRT is not in onnxruntime-node');
    return;
  }
  const [folder] = readdirSync(join(data, 'tensorrt-cache'));
  expect(folder).toMatch(/^shotline-tiny-\w+-[0-9a-f]{12}$/);
  const shapeDir = join(data, 'tensorrt-cache', folder!, '16x5x4x6');
  expect(readdirSync(shapeDir)).toBeDefined();
  expect(notices).toEqual([
    `building TensorRT engines for 48x32, first run only (dit.onnx; kept in ${shapeDir})`,
  ]);
  writeFileSync(join(shapeDir, 'TensorrtExecutionProvider_TRTKernel_graph_main_1_0.engine'), 'built');
  notices.length = 0;
  await pool.release(['expert:dense']);
  await pool.get('expert:dense').catch(() => undefined);
  expect(notices).toEqual([]);
  await pool.releaseAll();
});
