// The onnxruntime session options for one EP chain: shared defaults plus what each provider needs.
import { dirname, join } from 'node:path';
import type * as Ort from 'onnxruntime-node';
import type { ExecutionProvider } from './providers';

/** CoreML's flag for the ML Program model format (fp16 on the GPU and Neural Engine, more operators). */
const COREML_FLAG_CREATE_MLPROGRAM = 0x010;

export interface SessionPlan {
  options: Ort.InferenceSession.SessionOptions;
  /**
   * Environment variables the EP reads when the session is created: onnxruntime-node passes TensorRT only
   * a device id, so its engine cache is switched on the way ONNX Runtime documents for that case.
   */
  env: Record<string, string>;
}

export interface SessionNeeds {
  /** The graph file, so per-graph caches (TensorRT engines) live beside it and are reused across runs. */
  graphPath: string;
  /** Sizes for the graph's symbolic dimensions, fixed at creation where the provider wants that (DirectML). */
  freeDimensions?: Readonly<Record<string, number>>;
  /** TensorRT's engine folder for this bundle and size (in the data folder); beside the graph when omitted. */
  engineCache?: string;
  /** Outputs fed straight back into the next run (the VAE's caches): left on the device where the EP allows. */
  deviceOutputs?: readonly string[];
}

/**
 * No memory pattern anywhere, as the community export recommends for its peak memory (and DirectML
 * requires); initialisers go straight to the device allocator; pool threads sleep between runs.
 */
export function sessionPlan(chain: readonly ExecutionProvider[], needs: SessionNeeds): SessionPlan {
  const options: Ort.InferenceSession.SessionOptions = {
    executionProviders: chain.map((p) => providerConfig(p)),
    enableMemPattern: false,
    graphOptimizationLevel: 'all',
    extra: {
      session: {
        use_device_allocator_for_initializers: '1',
        // Idle pool threads would otherwise spin after each run and take the cores the JS between runs
        // (solver, frame conversion, the encoder) needs; on small machines that doubled the take's time.
        'intra_op.allow_spinning': '0',
        'inter_op.allow_spinning': '0',
      },
    },
  };
  const env: Record<string, string> = {};
  const lead = chain[0];
  if (lead === 'dml') {
    // DirectML does not support parallel execution, and compiles its best kernels only for shapes it
    // knows when the session is created.
    options.executionMode = 'sequential';
    if (needs.freeDimensions) options.freeDimensionOverrides = { ...needs.freeDimensions };
  }
  if (lead === 'tensorrt') {
    // Engines are built per shape on first use (minutes for a large graph): keep them and reuse them.
    env.ORT_TENSORRT_ENGINE_CACHE_ENABLE = '1';
    env.ORT_TENSORRT_CACHE_PATH = needs.engineCache ?? join(dirname(needs.graphPath), 'tensorrt-cache');
    env.ORT_TENSORRT_TIMING_CACHE_ENABLE = '1';
  }
  if (lead === 'webgpu') {
    // Outputs the JS reads (solver, frame converter) are copied to the CPU by the run itself; the VAE's
    // caches only go back into the next run, so they stay in GPU buffers instead of a round trip per frame.
    const onDevice = needs.deviceOutputs ?? [];
    options.preferredOutputLocation = onDevice.length
      ? Object.fromEntries(onDevice.map((name) => [name, 'gpu-buffer' as const]))
      : 'cpu';
  }
  return { options, env };
}

function providerConfig(provider: ExecutionProvider): Ort.InferenceSession.ExecutionProviderConfig {
  switch (provider) {
    case 'coreml':
      // Compute units are left at "all" (no CPU-only or CPU+GPU flag) so CoreML may use the Neural Engine.
      return { name: 'coreml', coreMlFlags: COREML_FLAG_CREATE_MLPROGRAM };
    default:
      return provider;
  }
}
