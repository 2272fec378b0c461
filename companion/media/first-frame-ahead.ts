// A backend's frames with the first one asked for early: made while ffmpeg starts, not after.

/**
 * Wraps a frame source so that `start()` asks it for its first frame at once (the slate paints its card then,
 * 10 to 40 ms); iterating it later gets that frame first, then the rest as the source gives them.
 */
export class FirstFrameAhead<T> implements AsyncIterable<T> {
  private readonly source: AsyncIterator<T>;
  private first: Promise<IteratorResult<T>> | undefined;
  private started = false;

  constructor(frames: AsyncIterable<T>) {
    this.source = frames[Symbol.asyncIterator]();
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.first = this.source.next();
    // Its failure is the iteration's to report, once someone iterates.
    this.first.catch(() => undefined);
  }

  /**
   * The first frame, asked for now if it was not yet; iterating still begins with it. Valid until the
   * second is asked for, as any frame is.
   */
  async peek(): Promise<T | undefined> {
    this.start();
    const first = await this.first;
    return first && !first.done ? first.value : undefined;
  }

  /** Lets the source go when nobody will iterate after all (ffmpeg could not be started). */
  async close(): Promise<void> {
    if (!this.started) return;
    await this.first?.catch(() => undefined);
    await this.source.return?.();
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    this.started = true;
    return {
      next: () => {
        const first = this.first;
        this.first = undefined;
        return first ?? this.source.next();
      },
      return: async (value?: unknown) => {
        this.first = undefined;
        return (await this.source.return?.(value)) ?? { done: true, value: undefined };
      },
    };
  }
}
