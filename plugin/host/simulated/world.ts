// Shared state of one simulated Premiere: lock, ids, media, undo stack and change listeners.
import { SimLock } from './actions';
import { SimMediaRegistry } from './media';

export interface SimUndoEntry {
  name: string;
  restore: () => void;
}

export interface SimOptions {
  /**
   * How many bin enumerations miss a freshly imported item before it shows up. Real Premiere was seen
   * returning nothing right after importFiles; tests raise this to exercise the adapter's retries.
   */
  importVisibilityDelay?: number;
}

export class SimWorld {
  readonly lock = new SimLock();
  readonly media = new SimMediaRegistry();
  readonly undoStack: SimUndoEntry[] = [];
  readonly importVisibilityDelay: number;
  private nextIdValue = 1;
  private readonly listeners = new Set<() => void>();

  constructor(options: SimOptions = {}) {
    this.importVisibilityDelay = options.importVisibilityDelay ?? 0;
  }

  nextId(): number {
    return this.nextIdValue++;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
