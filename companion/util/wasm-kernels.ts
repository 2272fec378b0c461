// The hand-written WebAssembly kernels' plumbing (the onnx backend's and media's): a kernel's module, compiled
// once per process, none where the runtime lacks WebAssembly SIMD; memory sizing; pools of idle instances.

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

const pools = new Set<KernelPool<unknown>>();

/**
 * Kernels given back after a take, by size: the next take of that size reuses one instead of faulting in a
 * fresh memory. A kernel is held by one take at a time, so concurrent takes never share one. Only the latest
 * size is kept (a daemon that changes size does not hold every size's memory), and `releaseIdleKernels` drops
 * them all when the backend goes.
 */
export class KernelPool<K> {
  private readonly idle = new Map<number, K[]>();

  constructor() {
    pools.add(this as KernelPool<unknown>);
  }

  take(size: number, create: () => K | undefined): K | undefined {
    return this.idle.get(size)?.pop() ?? create();
  }

  give(size: number, kernel: K): void {
    for (const other of this.idle.keys()) if (other !== size) this.idle.delete(other);
    const spare = this.idle.get(size) ?? [];
    spare.push(kernel);
    this.idle.set(size, spare);
  }

  get idleCount(): number {
    let n = 0;
    for (const spare of this.idle.values()) n += spare.length;
    return n;
  }

  clear(): void {
    this.idle.clear();
  }
}

/** How many kernels wait for a take, every pool and size together (tests, doctor). */
export function idleKernelCount(): number {
  let n = 0;
  for (const pool of pools) n += pool.idleCount;
  return n;
}

/** Lets go of every idle kernel's memory (the garbage collector frees it). */
export function releaseIdleKernels(): void {
  for (const pool of pools) pool.clear();
}
