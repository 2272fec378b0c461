// The one table of backends: a name maps to a factory; adding a backend is one new file and one line here.
import type { VideoBackend } from './backend';
import { SlateBackend } from './slate/slate-backend';
import { DashScopeBackend } from './dashscope/dashscope-backend';
import { ComfyUIBackend } from './comfyui/comfyui-backend';
import { OnnxBackend } from './onnx/onnx-backend';
import { SyntheticBackend } from './synthetic/synthetic-backend';

export interface BackendSettings {
  slate?: ConstructorParameters<typeof SlateBackend>[0];
  dashscope?: ConstructorParameters<typeof DashScopeBackend>[0];
  comfyui?: ConstructorParameters<typeof ComfyUIBackend>[0];
  onnx?: ConstructorParameters<typeof OnnxBackend>[0];
  synthetic?: ConstructorParameters<typeof SyntheticBackend>[0];
}

export const backendFactories = Object.freeze({
  slate: (settings: BackendSettings) => new SlateBackend(settings.slate),
  dashscope: (settings: BackendSettings) => new DashScopeBackend(settings.dashscope),
  comfyui: (settings: BackendSettings) => new ComfyUIBackend(settings.comfyui),
  onnx: (settings: BackendSettings) => new OnnxBackend(settings.onnx),
  synthetic: (settings: BackendSettings) => new SyntheticBackend(settings.synthetic),
});

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
