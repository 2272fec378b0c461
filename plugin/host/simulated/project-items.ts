// Simulated bins and clip items: bins list children, clips know their media path.
import type {
  ClipProjectItemApi,
  FolderItemApi,
  PremiereAction,
  ProjectItemApi,
} from '../premiere/premiere-api';
import { normalizeMediaPath } from '../media-path';
import { SimAction } from './actions';
import type { SimWorld } from './world';

/** Project item type codes, as in Premiere's ExtendScript ProjectItemType. */
export const SIM_ITEM_TYPE = Object.freeze({ CLIP: 1, BIN: 2, ROOT: 3 });

/** The colour-label Action both clips and bins offer; the label lives in the world so undo restores it. */
function colorLabelAction(world: SimWorld, item: ProjectItemApi, index: number): PremiereAction {
  world.lock.assertHeld('ProjectItem.createSetColorLabelAction');
  if (!Number.isInteger(index) || index < 0 || index > 15) {
    throw new RangeError(`createSetColorLabelAction: colour label index must be 0-15, got ${index}`);
  }
  return new SimAction(`label ${item.name}`, () => world.colorLabels.set(item.getId(), index));
}

export class SimClipItem implements ProjectItemApi {
  readonly type = SIM_ITEM_TYPE.CLIP;
  private readonly id: string;

  constructor(
    private readonly world: SimWorld,
    readonly name: string,
    readonly mediaPath: string,
  ) {
    this.id = `item-${world.nextId()}`;
    world.itemsByPath.set(normalizeMediaPath(mediaPath), this);
  }

  getId(): string {
    return this.id;
  }

  createSetColorLabelAction(index: number): PremiereAction {
    return colorLabelAction(this.world, this, index);
  }
}

/**
 * A project item that is not a media clip: a sequence, a title, a graphic. Premiere reports many of these
 * with the clip type, yet ClipProjectItem.cast gives null for them.
 */
export class SimOtherItem implements ProjectItemApi {
  readonly type = SIM_ITEM_TYPE.CLIP;
  private readonly id: string;

  constructor(
    private readonly world: SimWorld,
    readonly name: string,
  ) {
    this.id = `item-${world.nextId()}`;
  }

  getId(): string {
    return this.id;
  }

  createSetColorLabelAction(index: number): PremiereAction {
    return colorLabelAction(this.world, this, index);
  }
}

/** What `ClipProjectItem.cast` returns: a separate wrapper, as in Premiere, not the raw item. */
export class SimClipView implements ClipProjectItemApi {
  constructor(readonly item: SimClipItem) {}

  get name(): string {
    return this.item.name;
  }

  async getMediaFilePath(): Promise<string> {
    return this.item.mediaPath;
  }
}

export class SimBinItem implements ProjectItemApi, FolderItemApi {
  children: (SimBinItem | SimClipItem | SimOtherItem)[] = [];
  /** Imported items not yet visible to getItems(), with how many enumerations they still miss. */
  pending: { item: SimClipItem; missesLeft: number }[] = [];
  private readonly id: string;

  constructor(
    private readonly world: SimWorld,
    readonly name: string,
    readonly type: number = SIM_ITEM_TYPE.BIN,
  ) {
    this.id = `item-${world.nextId()}`;
  }

  getId(): string {
    return this.id;
  }

  createSetColorLabelAction(index: number): PremiereAction {
    return colorLabelAction(this.world, this, index);
  }

  async getItems(): Promise<ProjectItemApi[]> {
    const stillHidden: typeof this.pending = [];
    for (const entry of this.pending) {
      if (entry.missesLeft > 0) stillHidden.push({ item: entry.item, missesLeft: entry.missesLeft - 1 });
      else this.children.push(entry.item);
    }
    const revealed = stillHidden.length !== this.pending.length;
    this.pending = stillHidden;
    if (revealed) this.world.changed();
    return [...this.children];
  }

  createBinAction(name: string, makeUnique: boolean): PremiereAction {
    this.world.lock.assertHeld('FolderItem.createBinAction');
    return new SimAction(`create bin ${name}`, () => {
      const taken = new Set(this.children.map((child) => child.name));
      let unique = name;
      for (let n = 2; makeUnique && taken.has(unique); n += 1) unique = `${name} ${n}`;
      this.children.push(new SimBinItem(this.world, unique));
    });
  }

  /** Adds an imported clip, hidden for the configured number of enumerations. */
  receiveImport(item: SimClipItem): void {
    if (this.world.importVisibilityDelay > 0) {
      this.pending.push({ item, missesLeft: this.world.importVisibilityDelay });
    } else {
      this.children.push(item);
    }
  }

  /** Every bin below and including this one, for undo snapshots. */
  allBins(): SimBinItem[] {
    const nested = this.children.filter((c): c is SimBinItem => c instanceof SimBinItem);
    return [this, ...nested.flatMap((bin) => bin.allBins())];
  }
}
