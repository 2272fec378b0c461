// The one place that loads `aftereffects`: AE's UXP module adapted to our slice, or null outside AE.
import type { AeCompItem, AeFolderItem, AeItem, AfterEffectsApi } from './ae-api';

interface RawAfterEffects {
  project?: AfterEffectsApi['project'];
  beginUndoGroup?: (name: string) => void;
  endUndoGroup?: () => void;
  ImportOptions?: new (path: string) => { file: string };
  CompItem?: new (...args: never[]) => unknown;
  FolderItem?: new (...args: never[]) => unknown;
}

export function loadAfterEffects(): AfterEffectsApi | null {
  let raw: RawAfterEffects | undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('aftereffects') as RawAfterEffects & { app?: RawAfterEffects };
    raw = mod.app ?? mod;
  } catch {
    return null;
  }
  if (!raw?.beginUndoGroup || !raw.endUndoGroup) return null;
  const ae = raw;
  const instance = (cls: RawAfterEffects['CompItem'], item: unknown) =>
    typeof cls === 'function' && item instanceof cls;
  return {
    get project() {
      return ae.project ?? null;
    },
    createImportOptions: (path) => (ae.ImportOptions ? new ae.ImportOptions(path) : { file: path }),
    beginUndoGroup: (name) => ae.beginUndoGroup?.(name),
    endUndoGroup: () => ae.endUndoGroup?.(),
    // Class checks when the module exposes the classes; otherwise by shape (a comp has layers, a folder items).
    isComp: (item: AeItem | null): item is AeCompItem =>
      item !== null && (instance(ae.CompItem, item) || (typeof item === 'object' && 'layers' in item)),
    isFolder: (item: AeItem | undefined): item is AeFolderItem =>
      item !== undefined && (instance(ae.FolderItem, item) || (typeof item === 'object' && 'items' in item)),
  };
}
