// Cuts a list into pages of a byte budget, so a long list goes out in messages that each fit the frame limit.

/**
 * The end (exclusive) of the page that starts at `offset`: items are taken while their sizes fit `budget`,
 * at least one per page so a listing always advances. `next` is where the following page starts, if any.
 */
export function pageBySize<T>(
  items: readonly T[],
  offset: number,
  budget: number,
  sizeOf: (item: T) => number = (item) => JSON.stringify(item).length + 1,
): { end: number; next?: number } {
  let used = 0;
  let end = offset;
  while (end < items.length) {
    const size = sizeOf(items[end]!);
    if (end > offset && used + size > budget) break;
    used += size;
    end += 1;
  }
  return end < items.length ? { end, next: end } : { end };
}
