// Simulated Project: boolean-only importFiles, lockedAccess, and transactions that form one undo entry each.
import type {
  FolderItemApi,
  PremiereCompoundAction,
  ProjectApi,
  ProjectItemApi,
  SequenceApi,
} from '../premiere/premiere-api';
import { SimCompoundAction } from './actions';
import { SIM_ITEM_TYPE, SimBinItem, SimClipItem } from './project-items';
import type { SimSequence } from './timeline';
import type { SimWorld } from './world';

export class SimProject implements ProjectApi {
  readonly root: SimBinItem;
  readonly sequences: SimSequence[] = [];
  activeSequence: SimSequence | null = null;
  /** Why the last transaction failed, for tests and the harness; the real API only returns false. */
  lastTransactionError: Error | null = null;

  constructor(
    private readonly world: SimWorld,
    readonly name: string,
  ) {
    this.root = new SimBinItem(world, name, SIM_ITEM_TYPE.ROOT);
  }

  async getActiveSequence(): Promise<SequenceApi | null> {
    return this.activeSequence;
  }

  async getRootItem(): Promise<FolderItemApi> {
    return this.root;
  }

  async importFiles(
    filePaths: string[],
    _suppressUI?: boolean,
    targetBin?: ProjectItemApi | null,
    _asNumberedStills?: boolean,
  ): Promise<boolean> {
    // Like Premiere: only a boolean comes back; undefined is not the root bin (null is), so it fails.
    if (targetBin === undefined) return false;
    const bin = targetBin === null ? this.root : targetBin;
    if (!(bin instanceof SimBinItem)) return false;
    if (filePaths.length === 0 || filePaths.some((path) => !this.world.media.get(path))) return false;
    for (const path of filePaths) {
      const fileName = path.split(/[\\/]/).pop() ?? path;
      bin.receiveImport(new SimClipItem(this.world, fileName, path));
    }
    this.world.changed();
    return true;
  }

  executeTransaction(
    callback: (compoundAction: PremiereCompoundAction) => void,
    undoString?: string,
  ): boolean {
    const compound = new SimCompoundAction();
    callback(compound);
    if (compound.empty) return false;
    const restore = this.captureState();
    try {
      for (const action of compound.actions) action.apply();
    } catch (err) {
      restore();
      this.lastTransactionError = err instanceof Error ? err : new Error(String(err));
      return false;
    }
    this.lastTransactionError = null;
    this.world.undoStack.push({ name: undoString ?? 'Untitled edit', restore });
    this.world.changed();
    return true;
  }

  lockedAccess(callback: () => void): void {
    this.world.lock.run(callback);
  }

  /**
   * A function that undoes what happens after this call: timelines return to their current state and bins
   * created since are removed, labels, metadata and markers go back. Clips imported meanwhile stay, since
   * imports are not part of transactions.
   */
  private captureState(): () => void {
    const binsBefore = new Set(this.root.allBins());
    const tracks = this.sequences.map((sequence) => sequence.captureTracks());
    const items = this.world.captureItemState();
    return () => {
      items();
      for (const bin of this.root.allBins()) {
        bin.children = bin.children.filter(
          (child) => !(child instanceof SimBinItem) || binsBefore.has(child),
        );
      }
      for (const restoreTracks of tracks) restoreTracks();
    };
  }
}
