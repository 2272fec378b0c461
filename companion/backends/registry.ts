// The one table of backends: a name maps to a factory; adding a backend is one new file and one line here.
import type { VideoBackend } from './backend';
import type { SlateBackend } from './slate/slate-backend';
import type { DashScopeBackend } from './dashscope/dashscope-backend';
import type { ComfyUIBackend } from './comfyui/comfyui-backend';
import type { OnnxBackend } from './onnx/onnx-backend';
import type { SyntheticBackend } from './synthetic/synthetic-backend';

export interface BackendSettings {
  slate?: ConstructorParameters<typeof SlateBackend>[0];
  dashscope?: ConstructorParameters<typeof DashScopeBackend>[0];
  comfyui?: ConstructorParameters<typeof ComfyUIBackend>[0];
  onnx?: ConstructorParameters<typeof OnnxBackend>[0];
  synthetic?: ConstructorParameters<typeof SyntheticBackend>[0];
}

/*
 * Each backend's module is loaded when the backend is first used, not when the registry is: a slate render
 * should not load HTTP clients, onnxruntime or tokenizers. `require` keeps `get` synchronous.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
export const backendFactories = Object.freeze({
  slate: (settings: BackendSettings): VideoBackend => {
    const { SlateBackend: Backend } =
      require('./slate/slate-backend') as typeof import('./slate/slate-backend');
    return new Backend(settings.slate);
  },
  dashscope: (settings: BackendSettings): VideoBackend => {
    const { DashScopeBackend: Backend } =
      require('./dashscope/dashscope-backend') as typeof import('./dashscope/dashscope-backend');
    return new Backend(settings.dashscope);
  },
  comfyui: (settings: BackendSettings): VideoBackend => {
    const { ComfyUIBackend: Backend } =
      require('./comfyui/comfyui-backend') as typeof import('./comfyui/comfyui-backend');
    return new Backend(settings.comfyui);
  },
  onnx: (settings: BackendSettings): VideoBackend => {
    const { OnnxBackend: Backend } = require('./onnx/onnx-backend') as typeof import('./onnx/onnx-backend');
    return new Backend(settings.onnx);
  },
  synthetic: (settings: BackendSettings): VideoBackend => {
    const { SyntheticBackend: Backend } =
      require('./synthetic/synthetic-backend') as typeof import('./synthetic/synthetic-backend');
    return new Backend(settings.synthetic);
  },
});
/* eslint-enable @typescript-eslint/no-require-imports */

export type BackendName = keyof typeof backendFactories;

/** Offered unless a list is given; the synthetic one only when asked for (benchmarks). */
export const DEFAULT_BACKENDS: readonly string[] = Object.keys(backendFactories).filter(
  (n) => n !== 'synthetic',
);

export function isBackendName(name: string): name is BackendName {
  return Object.hasOwn(backendFactories, name);
}

export class BackendRegistry {
  private readonly instances = new Map<string, VideoBackend>();

  constructor(
    private readonly enabled: readonly string[] = DEFAULT_BACKENDS,
    private readonly settings: BackendSettings = {},
  ) {
    for (const name of enabled) {
      if (!isBackendName(name)) {
        throw new Error(`unknown backend "${name}"; available: ${Object.keys(backendFactories).join(', ')}`);
      }
    }
  }

  names(): string[] {
    return [...this.enabled];
  }

  get(name: string): VideoBackend | undefined {
    if (!this.enabled.includes(name) || !isBackendName(name)) return undefined;
    let backend = this.instances.get(name);
    if (!backend) {
      backend = backendFactories[name](this.settings);
      this.instances.set(name, backend);
    }
    return backend;
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.instances.values()].map((b) => b.dispose()));
    this.instances.clear();
  }
}
