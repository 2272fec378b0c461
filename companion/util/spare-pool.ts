// Spare memory kept between jobs of one size: a buffer or canvas given back after a take is handed to the next
// take of that size instead of a fresh one, whose every page the kernel must fault in and zero (on a VM, several
// microseconds a page: more than drawing a frame costs).

const pools = new Set<SparePool<unknown>>();

/**
 * Things given back, by size key. One holder at a time: a thing is taken out while used, so concurrent takes
 * never share one. Only the latest size is kept, so a daemon that changes size does not hold every size's
 * memory; `releaseSpares` drops them all.
 */
export class SparePool<T> {
  private readonly spare = new Map<string, T[]>();

  constructor(private readonly limit = 4) {
    pools.add(this as SparePool<unknown>);
  }

  /** A spare of size `key`, or `create()`'s. */
  take(key: string, create: () => T): T {
    return this.spare.get(key)?.pop() ?? create();
  }

  /** Keeps `thing` for the next take of size `key`; spares of other sizes are let go. */
  give(key: string, thing: T): void {
    for (const other of this.spare.keys()) if (other !== key) this.spare.delete(other);
    const spares = this.spare.get(key) ?? [];
    if (spares.length < this.limit) spares.push(thing);
    this.spare.set(key, spares);
  }

  get count(): number {
    let n = 0;
    for (const spares of this.spare.values()) n += spares.length;
    return n;
  }

  clear(): void {
    this.spare.clear();
  }
}

/** Spares waiting in every pool (tests, doctor). */
export function spareCount(): number {
  let n = 0;
  for (const pool of pools) n += pool.count;
  return n;
}

/** Lets go of every spare (the garbage collector frees them). */
export function releaseSpares(): void {
  for (const pool of pools) pool.clear();
}
