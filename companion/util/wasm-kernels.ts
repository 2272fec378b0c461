// The hand-written WebAssembly kernels' plumbing (the onnx backend's and media's): a kernel's module, compiled
// once per process, none where the runtime lacks WebAssembly SIMD, and memory sizing. Idle instances are pooled
// with util/spare-pool.ts.

const compiled = new Map<string, WebAssembly.Module | null>();

/** A fresh instance (its own memory) of the module whose bytes are `base64`, or undefined if it cannot load. */
export function kernelInstance(base64: string): WebAssembly.Instance | undefined {
  let wasm = compiled.get(base64);
  if (wasm === undefined) {
    try {
      wasm = new WebAssembly.Module(Buffer.from(base64, 'base64'));
    } catch {
      // No SIMD (an old runtime, --jitless): the callers keep their scalar loops.
      wasm = null;
    }
    compiled.set(base64, wasm);
  }
  return wasm ? new WebAssembly.Instance(wasm, {}) : undefined;
}

/** Grows `memory` to hold at least `bytes`; views made before a grow are detached. */
export function reserveBytes(memory: WebAssembly.Memory, bytes: number): ArrayBuffer {
  const have = memory.buffer.byteLength;
  if (bytes > have) memory.grow(Math.ceil((bytes - have) / 65536));
  return memory.buffer;
}

/** A fresh instance's exports as the kernel declares them, with its memory; undefined if it cannot load. */
export function kernelExports<E extends object>(
  base64: string,
): (E & { memory: WebAssembly.Memory }) | undefined {
  return kernelInstance(base64)?.exports as (E & { memory: WebAssembly.Memory }) | undefined;
}
