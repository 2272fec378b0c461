// Finds or creates a take bin (Shotline/<scene>/<shot>) and imports a clip into it, recovering the item by path.
import { HostError } from '../host-adapter';
import { sameMediaPath } from '../media-path';
import type { FolderItemApi, PremiereApi, ProjectApi, ProjectItemApi } from './premiere-api';

export const SHOTLINE_BIN_NAME = 'Shotline';

export interface RetryOptions {
  /** How many times to enumerate before giving up: a fresh import is not always listed at once. */
  attempts: number;
  delayMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const defaultRetry: RetryOptions = {
  attempts: 10,
  delayMs: 150,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

async function retry<T>(options: RetryOptions, find: () => Promise<T | undefined>): Promise<T | undefined> {
  for (let attempt = 0; attempt < options.attempts; attempt += 1) {
    const found = await find();
    if (found !== undefined) return found;
    if (attempt + 1 < options.attempts) await options.sleep(options.delayMs * (attempt + 1));
  }
  return undefined;
}

/** Bin names for a shot's takes: Shotline/<scene>/<shot>, or Shotline/<shot> without a scene. */
export function takeBinPath(shot: { scene?: string; shotId: string }): string[] {
  // A slash would read as another level when the path is shown; Premiere itself allows it in a name.
  const clean = (name: string) => name.replace(/[\\/]+/g, '-').trim() || 'untitled';
  const scene = shot.scene?.trim();
  return [SHOTLINE_BIN_NAME, ...(scene ? [clean(scene)] : []), clean(shot.shotId)];
}

async function findChildBin(
  api: PremiereApi,
  parent: FolderItemApi,
  name: string,
): Promise<ProjectItemApi | undefined> {
  const items = await parent.getItems();
  return items.find((item) => item.type === api.ProjectItem.TYPE_BIN && item.name === name);
}

/** The bin at `path` below the root, or undefined when any level is missing. */
export async function findBinPath(
  api: PremiereApi,
  project: ProjectApi,
  path: readonly string[],
): Promise<ProjectItemApi | undefined> {
  let folder: FolderItemApi = await project.getRootItem();
  let found: ProjectItemApi | undefined;
  for (const name of path) {
    found = await findChildBin(api, folder, name);
    const next = found && api.FolderItem.cast(found);
    if (!next) return undefined;
    folder = next;
  }
  return found;
}

function asFolder(api: PremiereApi, item: ProjectItemApi, shown: string): FolderItemApi {
  const folder = api.FolderItem.cast(item);
  if (!folder)
    throw new HostError(
      'NAME_NOT_A_BIN',
      `"${shown}" in the project is not a bin; rename it so Shotline can use its name.`,
      { name: shown },
    );
  return folder;
}

/**
 * Finds or creates every bin of `paths`, with as few undo entries as Adobe's documented API allows:
 * - `FolderItem.createBinAction(name, makeUnique)` is a method of the parent bin and returns an Action, not
 *   the new bin (https://developer.adobe.com/premiere-pro/uxp/ppro_reference/classes/folderitem): a child's
 *   action needs its parent to exist already, so each new level is its own transaction;
 * - `Project.importFiles(paths, suppressUI, targetBin, asNumberedStills)` is an async call returning a
 *   boolean, not an Action (Adobe's types, @adobe/premierepro src/premierepro.d.ts, `Project.importFiles`):
 *   it cannot run inside `executeTransaction`, and its target bin must exist before it, so the bins cannot
 *   share the placement's transaction either.
 * So all bins missing at one depth are created in one transaction: at most one per level for a whole batch
 * (3 for Shotline/<scene>/<shot> in a fresh project), none once the bins exist. Returns the bin for each
 * path, keyed by the path joined with "/".
 */
export async function ensureBinPaths(
  api: PremiereApi,
  project: ProjectApi,
  paths: readonly (readonly string[])[],
  options: RetryOptions,
  undoName: string,
): Promise<Map<string, ProjectItemApi>> {
  const found = new Map<string, ProjectItemApi>();
  const folders = new Map<string, FolderItemApi>([['', await project.getRootItem()]]);
  const depth = Math.max(0, ...paths.map((p) => p.length));
  for (let level = 0; level < depth; level += 1) {
    const wanted = new Map<string, { parent: FolderItemApi; name: string }>();
    for (const path of paths) {
      if (path.length <= level) continue;
      const parent = folders.get(path.slice(0, level).join('/'));
      const key = path.slice(0, level + 1).join('/');
      if (parent && !wanted.has(key)) wanted.set(key, { parent, name: path[level] as string });
    }
    const missing: [string, { parent: FolderItemApi; name: string }][] = [];
    for (const [key, want] of wanted) {
      const bin = await findChildBin(api, want.parent, want.name);
      if (bin) found.set(key, bin);
      else missing.push([key, want]);
    }
    if (missing.length > 0) {
      let created = false;
      project.lockedAccess(() => {
        const actions = missing.map(([, want]) => want.parent.createBinAction(want.name, false));
        created = project.executeTransaction((compound) => {
          for (const action of actions) compound.addAction(action);
        }, undoName);
      });
      const shown = missing.map(([key]) => key).join('", "');
      if (!created)
        throw new HostError('BIN_NOT_CREATED', `Premiere could not create the bin "${shown}".`, {
          bin: shown,
        });
      for (const [key, want] of missing) {
        const bin = await retry(options, () => findChildBin(api, want.parent, want.name));
        if (!bin)
          throw new HostError(
            'BIN_NOT_FOUND',
            `The bin "${key}" was created but cannot be found in the project.`,
            { bin: key },
          );
        found.set(key, bin);
      }
    }
    for (const [key] of wanted) {
      const bin = found.get(key);
      if (bin) folders.set(key, asFolder(api, bin, key));
    }
  }
  return found;
}

export async function findByMediaPath(
  api: PremiereApi,
  bin: ProjectItemApi,
  path: string,
): Promise<ProjectItemApi | undefined> {
  const items = (await api.FolderItem.cast(bin)?.getItems()) ?? [];
  for (const item of items) {
    if (item.type === api.ProjectItem.TYPE_BIN) continue;
    // Sequences and titles in a Shotline bin cast to null: they are not the clip we look for.
    const mediaPath = await api.ClipProjectItem.cast(item)?.getMediaFilePath();
    if (mediaPath !== undefined && sameMediaPath(mediaPath, path)) return item;
  }
  return undefined;
}

/** Reuses the clip when the bin already holds it (placing a take twice), else imports it. */
export async function importIntoBin(
  api: PremiereApi,
  project: ProjectApi,
  bin: ProjectItemApi,
  path: string,
  options: RetryOptions,
): Promise<ProjectItemApi> {
  const already = await findByMediaPath(api, bin, path);
  if (already) return already;
  const imported = await project.importFiles([path], true, bin, false);
  if (!imported) {
    throw new HostError(
      'IMPORT_FAILED',
      `Premiere could not import ${path}. Check that the file exists and is a readable video.`,
      { path },
    );
  }
  const item = await retry(options, () => findByMediaPath(api, bin, path));
  if (!item)
    throw new HostError(
      'IMPORTED_NOT_IN_BIN',
      `Premiere imported ${path} but the clip did not appear in the bin "${bin.name}".`,
      { path, bin: bin.name },
    );
  return item;
}
