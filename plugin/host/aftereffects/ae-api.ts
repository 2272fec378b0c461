// The slice of After Effects' UXP module (`require('aftereffects')`) Shotline uses; AE ships no TS types.
//
// Follows Adobe's "After Effects API Reference" for UXP (developer.adobe.com/after-effects/uxp/, AE 27.0,
// beta): app.project, importFile(ImportOptions), CompItem.layers.add(item), layer.startTime, comp.time,
// app.beginUndoGroup/endUndoGroup, items.addFolder. The UXP API mirrors the ExtendScript object model; where
// the docs do not say whether a call is synchronous, the slice allows a Promise and the adapter awaits it.
// Times are seconds (numbers), as in ExtendScript.

type MaybePromise<T> = T | Promise<T>;

export interface AeItem {
  readonly name: string;
  readonly id: number;
  parentFolder: AeFolderItem;
}

export interface AeFootageItem extends AeItem {
  readonly duration: number;
  readonly frameRate: number;
  /** The file behind the footage; null for solids. */
  readonly file: { readonly fsName: string } | null;
  /** Comment column in the Project panel: carries the provenance note. */
  comment: string;
  /** Label colour index (0 none, 1-16). */
  label: number;
}

export interface AeFolderItem extends AeItem {
  readonly items: AeItemCollection;
}

export interface AeItemCollection {
  readonly length: number;
  /** 1-based, as in ExtendScript. */
  [index: number]: AeItem | AeFolderItem | AeFootageItem | undefined;
  addFolder(name: string): MaybePromise<AeFolderItem>;
}

export interface AeLayer {
  readonly index: number;
  name: string;
  startTime: number;
  inPoint: number;
  outPoint: number;
  comment: string;
  label: number;
}

export interface AeLayerCollection {
  readonly length: number;
  add(item: AeFootageItem, duration?: number): MaybePromise<AeLayer>;
}

export interface AeCompItem extends AeItem {
  readonly width: number;
  readonly height: number;
  readonly frameRate: number;
  readonly duration: number;
  /** The comp's current time indicator, in seconds. */
  time: number;
  readonly layers: AeLayerCollection;
}

export interface AeImportOptions {
  file: string;
}

export interface AeProject {
  readonly activeItem: AeItem | AeCompItem | null;
  readonly rootFolder: AeFolderItem;
  importFile(options: AeImportOptions): MaybePromise<AeFootageItem>;
}

export interface AfterEffectsApi {
  readonly project: AeProject | null;
  /** Builds the options object importFile takes; in ExtendScript `new ImportOptions(file)`. */
  createImportOptions(path: string): AeImportOptions;
  beginUndoGroup(name: string): void;
  endUndoGroup(): void;
  isComp(item: AeItem | null): item is AeCompItem;
  isFolder(item: AeItem | undefined): item is AeFolderItem;
}
