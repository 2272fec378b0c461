// One picker open at a time: a picker opened from a Spectrum button may fire click after click (known issue PS-57264).

/** Runs `open` unless a picker from the same guard is still open; then it answers `idle` at once. */
export function onePickerAtATime(): <T>(idle: T, open: () => Promise<T>) => Promise<T> {
  let busy = false;
  return async (idle, open) => {
    if (busy) return idle;
    busy = true;
    try {
      return await open();
    } finally {
      busy = false;
    }
  };
}
