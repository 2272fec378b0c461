// An in-memory After Effects for tests: a project with folders, one comp, layers, and undo groups.
import type {
  AeCompItem,
  AeFolderItem,
  AeFootageItem,
  AeImportOptions,
  AeItem,
  AeItemCollection,
  AeLayer,
  AeLayerCollection,
  AeProject,
  AfterEffectsApi,
} from './ae-api';

let nextId = 1;

class SimItems implements AeItemCollection {
  [index: number]: AeItem | undefined;
  private list: AeItem[] = [];

  constructor(private readonly owner: () => AeFolderItem) {}

  get length(): number {
    return this.list.length;
  }

  add(item: AeItem): void {
    this.list.push(item);
    this[this.list.length] = item;
  }

  remove(item: AeItem): void {
    this.list = this.list.filter((i) => i !== item);
    for (let i = 1; i <= this.list.length + 1; i += 1) this[i] = this.list[i - 1];
  }

  all(): AeItem[] {
    return [...this.list];
  }

  async addFolder(name: string): Promise<AeFolderItem> {
    const folder = new SimAeFolder(name);
    folder.parentFolder = this.owner();
    return folder;
  }
}

/** Items re-home themselves when parentFolder is set, as in AE. */
class SimAeItem implements AeItem {
  readonly id = nextId++;
  private parent: AeFolderItem | null = null;

  constructor(readonly name: string) {}

  get parentFolder(): AeFolderItem {
    if (!this.parent) throw new Error(`${this.name} has no folder`);
    return this.parent;
  }

  set parentFolder(folder: AeFolderItem) {
    if (this.parent instanceof SimAeFolder) this.parent.itemList.remove(this);
    if (folder instanceof SimAeFolder) folder.itemList.add(this);
    this.parent = folder;
  }
}

export class SimAeFolder extends SimAeItem implements AeFolderItem {
  readonly itemList: SimItems = new SimItems(() => this);
  get items(): AeItemCollection {
    return this.itemList;
  }
}

export class SimAeFootage extends SimAeItem implements AeFootageItem {
  comment = '';
  label = 0;
  constructor(
    name: string,
    readonly file: { fsName: string },
    readonly duration: number,
    readonly frameRate: number,
  ) {
    super(name);
  }
}

class SimAeLayers implements AeLayerCollection {
  readonly list: AeLayer[] = [];
  get length(): number {
    return this.list.length;
  }
  add(item: AeFootageItem): AeLayer {
    // New layers go on top (index 1) and every other layer moves down, as in AE.
    const layer = {
      index: 1,
      name: item.name,
      startTime: 0,
      inPoint: 0,
      outPoint: item.duration,
      comment: '',
      label: 0,
    };
    this.list.unshift(layer);
    this.list.forEach((l, i) => Object.assign(l, { index: i + 1 }));
    return layer;
  }
}

export class SimAeComp extends SimAeItem implements AeCompItem {
  time = 0;
  readonly layers = new SimAeLayers();
  constructor(
    name: string,
    readonly width: number,
    readonly height: number,
    readonly frameRate: number,
    readonly duration: number,
  ) {
    super(name);
  }
}

export class SimulatedAfterEffects implements AfterEffectsApi {
  readonly rootFolder = new SimAeFolder('Root');
  readonly undoGroups: string[] = [];
  private openGroup: string | null = null;
  private readonly media = new Map<string, { duration: number; frameRate: number }>();
  private comp: SimAeComp | null = null;
  readonly project: AeProject;

  constructor() {
    const activeComp = () => this.comp;
    this.project = {
      get activeItem() {
        return activeComp();
      },
      rootFolder: this.rootFolder,
      importFile: async (options: AeImportOptions) => {
        const info = this.media.get(options.file);
        if (!info) {
          throw new Error(
            `After Effects error: Can't import file "${options.file}": unsupported filetype or missing`,
          );
        }
        const name = options.file.split(/[\\/]/).pop() ?? options.file;
        const footage = new SimAeFootage(name, { fsName: options.file }, info.duration, info.frameRate);
        footage.parentFolder = this.rootFolder;
        return footage;
      },
    };
  }

  addComp(name: string, width: number, height: number, frameRate: number, duration: number): SimAeComp {
    this.comp = new SimAeComp(name, width, height, frameRate, duration);
    this.comp.parentFolder = this.rootFolder;
    return this.comp;
  }

  registerMedia(path: string, info: { duration: number; frameRate: number }): void {
    this.media.set(path, info);
  }

  createImportOptions(path: string): AeImportOptions {
    return { file: path };
  }

  beginUndoGroup(name: string): void {
    if (this.openGroup !== null) throw new Error(`undo group "${this.openGroup}" is still open`);
    this.openGroup = name;
  }

  endUndoGroup(): void {
    if (this.openGroup === null) throw new Error('endUndoGroup without beginUndoGroup');
    this.undoGroups.push(this.openGroup);
    this.openGroup = null;
  }

  get undoGroupOpen(): boolean {
    return this.openGroup !== null;
  }

  isComp(item: AeItem | null): item is AeCompItem {
    return item instanceof SimAeComp;
  }

  isFolder(item: AeItem | undefined): item is AeFolderItem {
    return item instanceof SimAeFolder;
  }

  /** Folder paths and their footage names, for assertions. */
  folders(folder: SimAeFolder = this.rootFolder, path = ''): { path: string; items: string[] }[] {
    const children = folder.itemList.all();
    const here = { path, items: children.filter((c) => c instanceof SimAeFootage).map((c) => c.name) };
    return [
      here,
      ...children
        .filter((c): c is SimAeFolder => c instanceof SimAeFolder)
        .flatMap((c) => this.folders(c, path ? `${path}/${c.name}` : c.name)),
    ];
  }
}
