// Shared state of one simulated Premiere: lock, ids, media, undo stack and change listeners.
import { SimLock } from './actions';
import { DEFAULT_SIM_VERSION, locksEnforced, type SimVersion } from './api-versions';
import { SimMediaRegistry } from './media';
import type { ProjectItemApi } from '../premiere/premiere-api';
import type { SimMarkerRecord } from './marker-record';

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
  /** The Premiere version to play (default the newest modelled); see api-versions.ts. */
  version?: SimVersion;
}

export class SimWorld {
  readonly lock: SimLock;
  readonly version: SimVersion;
  readonly media = new SimMediaRegistry();
  readonly undoStack: SimUndoEntry[] = [];
  readonly importVisibilityDelay: number;
  /**
   * Clip items by normalized media path, so a track item can name its project item. Typed by the API, not
   * the simulated class, so the world imports none of its parts (they all import it).
   */
  readonly itemsByPath = new Map<string, ProjectItemApi>();
  /** Per-item state that transactions change (colour label, XMP packet), keyed by item id. */
  readonly colorLabels = new Map<string, number>();
  readonly xmp = new Map<string, string>();
  /** Project panel column values (private project metadata) by item id, then by field name. */
  readonly projectColumns = new Map<string, ReadonlyMap<string, string>>();
  /** Markers per owner: a SimSequence, or a SimClipItem for clip markers. */
  readonly markers = new Map<object, readonly SimMarkerRecord[]>();
  /** Transcript JSON per normalized media path, as Transcript.exportToJSON would return it. */
  readonly transcripts = new Map<string, string>();
  /** The items selected in the Project panel, in selection order. */
  projectSelection: readonly ProjectItemApi[] = [];
  private nextIdValue = 1;
  private readonly listeners = new Set<() => void>();

  constructor(options: SimOptions = {}) {
    this.importVisibilityDelay = options.importVisibilityDelay ?? 0;
    this.version = options.version ?? DEFAULT_SIM_VERSION;
    this.lock = new SimLock(locksEnforced(this.version));
  }

  nextId(): number {
    return this.nextIdValue++;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Restores labels, metadata, columns and markers as they are now; transactions fold this into their undo. */
  captureItemState(): () => void {
    const labels = new Map(this.colorLabels);
    const xmp = new Map(this.xmp);
    const columns = new Map(this.projectColumns);
    const markers = new Map(this.markers);
    return () => {
      restoreMap(this.colorLabels, labels);
      restoreMap(this.xmp, xmp);
      restoreMap(this.projectColumns, columns);
      restoreMap(this.markers, markers);
    };
  }

  changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function restoreMap<K, V>(target: Map<K, V>, copy: Map<K, V>): void {
  target.clear();
  for (const [key, value] of copy) target.set(key, value);
}
