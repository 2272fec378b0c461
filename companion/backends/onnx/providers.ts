// The one table of execution providers onnxruntime-node 1.30 ships per OS and architecture, and the EP
// chains a provider setting resolves to on a given platform.
import { ShotlineError } from '../../../shared/protocol';
import { providerNames, type ExecutionProvider, type ProviderSetting } from './provider-names';

export { providerNames, type ExecutionProvider, type ProviderSetting };

/**
 * The package README's platform table (onnxruntime-node 1.30), in the order `auto` tries them. TensorRT
 * sits after CUDA: it needs the same CUDA libraries, and its first run builds an engine per shape
 * (minutes), so it is only reached where CUDA alone would not open. Linux arm64's binary has no WebGPU.
 */
export const platformProviders = Object.freeze({
  'win32-x64': Object.freeze(['dml', 'webgpu', 'cpu']),
  'win32-arm64': Object.freeze(['dml', 'webgpu', 'cpu']),
  'linux-x64': Object.freeze(['cuda', 'tensorrt', 'webgpu', 'cpu']),
  'linux-arm64': Object.freeze(['cpu']),
  'darwin-x64': Object.freeze(['coreml', 'webgpu', 'cpu']),
  'darwin-arm64': Object.freeze(['coreml', 'webgpu', 'cpu']),
} satisfies Record<string, readonly ExecutionProvider[]>);
export type PlatformKey = keyof typeof platformProviders;

/** The OS and architecture the table is read for; tests inject one, the companion uses its own. */
export interface Platform {
  os: string;
  arch: string;
}

export const hostPlatform = (): Platform => ({ os: process.platform, arch: process.arch });

const osNames: Record<string, string> = { win32: 'Windows', linux: 'Linux', darwin: 'macOS' };
const providerLabels: Record<ExecutionProvider, string> = {
  dml: 'DirectML',
  cuda: 'CUDA',
  tensorrt: 'TensorRT',
  coreml: 'CoreML',
  webgpu: 'WebGPU',
  cpu: 'CPU',
};

export const providerLabel = (p: ExecutionProvider): string => providerLabels[p];
export const platformLabel = (platform: Platform): string =>
  `${osNames[platform.os] ?? platform.os} ${platform.arch}`;

export function isProviderSetting(name: string): name is ProviderSetting {
  return (providerNames as readonly string[]).includes(name);
}

/** What onnxruntime-node ships here; a platform without a prebuilt binary gets only the CPU. */
export function shippedProviders(platform: Platform): readonly ExecutionProvider[] {
  const key = `${platform.os}-${platform.arch}`;
  return Object.hasOwn(platformProviders, key) ? platformProviders[key as PlatformKey] : ['cpu'];
}

/** One provider's chain: CPU behind every GPU provider for the few nodes it lacks; TensorRT also behind CUDA. */
function chainFor(provider: ExecutionProvider): readonly ExecutionProvider[] {
  if (provider === 'cpu') return ['cpu'];
  if (provider === 'tensorrt') return ['tensorrt', 'cuda', 'cpu'];
  return [provider, 'cpu'];
}

/**
 * The EP chains a setting may resolve to here, in the order they are tried: `auto` lists every shipped
 * provider; a named one the platform lacks fails with a sentence naming what to use instead.
 */
export function providerChains(
  setting: string,
  platform: Platform = hostPlatform(),
): readonly (readonly ExecutionProvider[])[] {
  if (!isProviderSetting(setting)) {
    throw new Error(`onnx: option "provider" must be one of ${providerNames.join(', ')}; got "${setting}"`);
  }
  const shipped = shippedProviders(platform);
  if (setting === 'auto') return shipped.map(chainFor);
  if (!shipped.includes(setting)) {
    const os = osNames[platform.os] ?? `${platform.os} ${platform.arch}`;
    throw new ShotlineError(
      'BACKEND_FAILED',
      `${providerLabels[setting]} is not in onnxruntime-node on ${os}; use ${shipped[0]!}.`,
      { params: { provider: providerLabels[setting], os, use: shipped[0]!, case: 'providerNotShipped' } },
    );
  }
  return [chainFor(setting)];
}
