/** @jest-environment ./test/companion/onnx/ort-environment.js */
// Provider choice per platform (the platform injected), the session options each provider gets, the
// doctor's table and GPU memory line; only the CPU provider is really opened here.
import {
  expertContract,
  textEncoderContract,
  vaeContracts,
} from '../../../companion/backends/onnx/contracts';
import { latentDimensions } from '../../../companion/backends/onnx/free-dimensions';
import { providerTable } from '../../../companion/backends/onnx/doctor-checks';
import {
  probeProvider,
  resolveProviders,
  type ProviderCheck,
} from '../../../companion/backends/onnx/provider-probe';
import { platformProviders, providerChains, type Platform } from '../../../companion/backends/onnx/providers';
import { sessionPlan } from '../../../companion/backends/onnx/session-options';
import { resolveOnnxOptions } from '../../../companion/backends/onnx/options';
import { ModelManifestSchema, wanManifest } from '../../../shared/model-bundle';
import { expectWordedInBothLanguages } from '../../support/panel-wording';

const windows: Platform = { os: 'win32', arch: 'x64' };
const linux: Platform = { os: 'linux', arch: 'x64' };
const mac: Platform = { os: 'darwin', arch: 'arm64' };

/** A probe where only the listed providers open, each failure with its own reason. */
const probeWhere =
  (...working: string[]) =>
  async (provider: string): Promise<ProviderCheck> =>
    working.includes(provider)
      ? { provider, ok: true, detail: 'loads and runs' }
      : { provider, ok: false, detail: `${provider} failed to load` };

test('the table is frozen and lists each platform’s providers in onnxruntime-node 1.30', () => {
  expect(Object.isFrozen(platformProviders)).toBe(true);
  expect(Object.isFrozen(platformProviders['win32-x64'])).toBe(true);
  expect(providerChains('auto', windows)).toEqual([['dml', 'cpu'], ['webgpu', 'cpu'], ['cpu']]);
  expect(providerChains('auto', linux)).toEqual([
    ['cuda', 'cpu'],
    ['tensorrt', 'cuda', 'cpu'],
    ['webgpu', 'cpu'],
    ['cpu'],
  ]);
  expect(providerChains('auto', mac)).toEqual([['coreml', 'cpu'], ['webgpu', 'cpu'], ['cpu']]);
  expect(providerChains('auto', { os: 'linux', arch: 'arm64' })).toEqual([['cpu']]);
  expect(providerChains('auto', { os: 'freebsd', arch: 'x64' })).toEqual([['cpu']]);
});

test.each([
  ['cuda', windows],
  ['dml', mac],
  ['coreml', linux],
] as const)(
  'the refusal of %s reads in the panel with the provider, the system and the way out',
  (setting, on) => {
    try {
      providerChains(setting, on);
    } catch (err) {
      expectWordedInBothLanguages(err);
      return;
    }
    throw new Error('expected a refusal');
  },
);

test('a provider the platform lacks is refused with a sentence naming the one to use', () => {
  expect(() => providerChains('cuda', windows)).toThrow(
    expect.objectContaining({
      code: 'BACKEND_FAILED',
      message: 'CUDA is not in onnxruntime-node on Windows; use dml.',
    }),
  );
  expect(() => providerChains('dml', mac)).toThrow(
    'DirectML is not in onnxruntime-node on macOS; use coreml.',
  );
  expect(() => providerChains('coreml', linux)).toThrow(
    'CoreML is not in onnxruntime-node on Linux; use cuda.',
  );
  expect(() => providerChains('tpu', linux)).toThrow(
    'onnx: option "provider" must be one of auto, dml, cuda, tensorrt, coreml, webgpu, cpu; got "tpu"',
  );
  expect(providerChains('dml', windows)).toEqual([['dml', 'cpu']]);
  expect(providerChains('tensorrt', linux)).toEqual([['tensorrt', 'cuda', 'cpu']]);
});

test('backend options check the provider against this machine when they are made', () => {
  const lacking = process.platform === 'win32' ? 'coreml' : 'dml';
  expect(() => resolveOnnxOptions({ provider: lacking })).toThrow('is not in onnxruntime-node on');
  expect(resolveOnnxOptions({ provider: 'cpu' }).provider).toBe('cpu');
});

test('auto chooses DirectML on Windows, CUDA on Linux, CoreML on macOS, falling back in order with reasons', async () => {
  const all = probeWhere('dml', 'cuda', 'tensorrt', 'coreml', 'webgpu', 'cpu');
  expect((await resolveProviders('auto', windows, all)).chain).toEqual(['dml', 'cpu']);
  expect((await resolveProviders('auto', linux, all)).chain).toEqual(['cuda', 'cpu']);
  expect((await resolveProviders('auto', mac, all)).chain).toEqual(['coreml', 'cpu']);

  const noDml = await resolveProviders('auto', windows, probeWhere('webgpu', 'cpu'));
  expect(noDml).toEqual({
    chain: ['webgpu', 'cpu'],
    fallbacks: [{ provider: 'dml', ok: false, detail: 'dml failed to load' }],
  });
  const cpuOnly = await resolveProviders('auto', linux, probeWhere('cpu'));
  expect(cpuOnly.chain).toEqual(['cpu']);
  expect(cpuOnly.fallbacks.map((f) => f.provider)).toEqual(['cuda', 'tensorrt', 'webgpu']);
});

test('a named provider is not probed: it opens or fails loudly', async () => {
  const probe = jest.fn(probeWhere());
  expect(await resolveProviders('dml', windows, probe)).toEqual({ chain: ['dml', 'cpu'], fallbacks: [] });
  expect(probe).not.toHaveBeenCalled();
});

test('each provider gets the session options ONNX Runtime documents for it', () => {
  const graphPath = '/bundles/wan/dit.onnx';
  const dims = { F: 21, H: 60, W: 104 };
  const dml = sessionPlan(['dml', 'cpu'], { graphPath, freeDimensions: dims });
  expect(dml.options).toMatchObject({
    executionProviders: ['dml', 'cpu'],
    executionMode: 'sequential',
    enableMemPattern: false,
    freeDimensionOverrides: dims,
  });
  expect(dml.env).toEqual({});

  const trt = sessionPlan(['tensorrt', 'cuda', 'cpu'], { graphPath, freeDimensions: dims });
  expect(trt.options.executionProviders).toEqual(['tensorrt', 'cuda', 'cpu']);
  expect(trt.options.freeDimensionOverrides).toBeUndefined();
  expect(trt.env).toEqual({
    ORT_TENSORRT_ENGINE_CACHE_ENABLE: '1',
    ORT_TENSORRT_CACHE_PATH: '/bundles/wan/tensorrt-cache',
    ORT_TENSORRT_TIMING_CACHE_ENABLE: '1',
  });

  const coreml = sessionPlan(['coreml', 'cpu'], { graphPath });
  expect(coreml.options.executionProviders).toEqual([{ name: 'coreml', coreMlFlags: 0x010 }, 'cpu']);

  const webgpu = sessionPlan(['webgpu', 'cpu'], { graphPath });
  expect(webgpu.options.preferredOutputLocation).toBe('cpu');

  const cpu = sessionPlan(['cpu'], { graphPath, freeDimensions: dims });
  expect(cpu.options).toMatchObject({ executionProviders: ['cpu'], enableMemPattern: false });
  expect(cpu.options.executionMode).toBeUndefined();
  expect(cpu.options.freeDimensionOverrides).toBeUndefined();
  expect(cpu.options.extra).toEqual({
    session: expect.objectContaining({ 'intra_op.allow_spinning': '0' }),
  });
});

test('the doctor’s table lists what this platform ships, what opened, and why the others did not', async () => {
  const { rows, auto } = await providerTable(windows, probeWhere('webgpu', 'cpu'));
  expect(rows.map((r) => [r.provider, r.ok, r.shipped])).toEqual([
    ['dml', false, true],
    ['webgpu', true, true],
    ['cpu', true, true],
    ['cuda', false, false],
    ['tensorrt', false, false],
    ['coreml', false, false],
  ]);
  expect(rows[0]!.detail).toBe('dml failed to load');
  expect(rows[3]!.detail).toBe('not in onnxruntime-node on Windows x64');
  expect(auto.chain).toEqual(['webgpu', 'cpu']);

  const onLinux = await providerTable(linux, probeWhere('cpu'));
  expect(onLinux.rows[0]!.detail).toContain('cuda failed to load; with CUDA 12 and cuDNN 9 installed');
});

test('the CPU provider really opens and runs the probe graph here', async () => {
  expect(await probeProvider('cpu')).toEqual({ provider: 'cpu', ok: true, detail: 'loads and runs' });
});

test('DirectML gets the take’s latent sizes under the names each graph’s latent input declares', () => {
  const latentShape = [16, 21, 60, 104];
  const m = ModelManifestSchema.parse(wanManifest('wan21-t2v-14b'));
  expect(latentDimensions(expertContract(m, m.transformer.experts[0]!), latentShape)).toEqual({
    F: 21,
    H: 60,
    W: 104,
  });
  expect(latentDimensions(vaeContracts(m).step!, latentShape)).toEqual({ h: 60, w: 104 });
  expect(latentDimensions(textEncoderContract(m), latentShape)).toEqual({});
  const five = ModelManifestSchema.parse(wanManifest('wan22-ti2v-5b'));
  expect(latentDimensions(vaeContracts(five).decoder!, [48, 31, 44, 80])).toEqual({ T: 31, h: 44, w: 80 });
});
