// The provider names the `--provider` flag takes, kept free of imports so CLI help loads nothing heavy.

/** One onnxruntime execution provider each. */
export const executionProviderNames = Object.freeze([
  'dml',
  'cuda',
  'tensorrt',
  'coreml',
  'webgpu',
  'cpu',
] as const);
export type ExecutionProvider = (typeof executionProviderNames)[number];

/** `auto` tries the platform's shipped providers in order. */
export const providerNames = Object.freeze(['auto', ...executionProviderNames] as const);
export type ProviderSetting = (typeof providerNames)[number];
