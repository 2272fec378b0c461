// The one table from the execution-provider setting to the onnxruntime EP lists tried, in order.

/** Each setting lists candidate EP chains; the first chain whose session opens wins ('auto' falls back to CPU). */
export const executionProviders = Object.freeze({
  auto: Object.freeze([['cuda', 'cpu'], ['webgpu', 'cpu'], ['cpu']]),
  cuda: Object.freeze([['cuda', 'cpu']]),
  webgpu: Object.freeze([['webgpu', 'cpu']]),
  cpu: Object.freeze([['cpu']]),
} as const);

export type ProviderSetting = keyof typeof executionProviders;

export function isProviderSetting(name: string): name is ProviderSetting {
  return Object.hasOwn(executionProviders, name);
}

/** The EP chains for a setting; an unknown name fails listing the valid ones. */
export function providerChains(setting: string): readonly (readonly string[])[] {
  if (!isProviderSetting(setting)) {
    throw new Error(
      `onnx: option "provider" must be one of ${Object.keys(executionProviders).join(', ')}; got "${setting}"`,
    );
  }
  return executionProviders[setting];
}
