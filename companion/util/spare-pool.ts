// Spare memory kept between takes of one size: a kernel, a frame's planes or a canvas given back after a take is
// handed to the next take of that size instead of a fresh one, whose every page the kernel must fault in and
// zero (on a VM, several microseconds a page: more than drawing a slate frame costs).

const pools = new Set<SparePool<unknown>>();

/**
 * Things given back, by size. One holder at a time: a thing is taken out while used, so concurrent takes never
 * share one. Only the latest size is kept, so a daemon that changes size does not hold every size's memory;
 * `releaseSpares` drops them all when a backend goes.
 */
export class SparePool<T> {
  private readonly idle = new Map<number | string, T[]>();

  constructor() {
    pools.add(this as SparePool<unknown>);
  }

  /** A spare of this size, or `create()`'s. */
  take<C extends T | undefined>(size: number | string, create: () => C): T | C {
    return this.idle.get(size)?.pop() ?? create();
  }

  /** Keeps `thing` for the next take of this size; spares of other sizes are let go. */
  give(size: number | string, thing: T): void {
    for (const other of this.idle.keys()) if (other !== size) this.idle.delete(other);
    const spare = this.idle.get(size) ?? [];
    spare.push(thing);
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

/** How many spares wait for a take, every pool and size together (tests, doctor). */
export function spareCount(): number {
  let n = 0;
  for (const pool of pools) n += pool.idleCount;
  return n;
}

/** Lets go of every spare's memory (the garbage collector frees it). */
export function releaseSpares(): void {
  for (const pool of pools) pool.clear();
}
