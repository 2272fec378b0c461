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
    if (!found) return undefined;
    folder = api.FolderItem.cast(found);
  }
  return found;
}

/** Creates what is missing of `path`, one undo step per new level (a bin must exist before its children). */
export async function ensureBinPath(
  api: PremiereApi,
  project: ProjectApi,
  path: readonly string[],
  options: RetryOptions,
): Promise<ProjectItemApi> {
  let folder: FolderItemApi = await project.getRootItem();
  let bin: ProjectItemApi | undefined;
  for (const [depth, name] of path.entries()) {
    const parent = folder;
    bin = await findChildBin(api, parent, name);
    if (!bin) {
      const shown = path.slice(0, depth + 1).join('/');
      let created = false;
      project.lockedAccess(() => {
        const action = parent.createBinAction(name, false);
        created = project.executeTransaction(
          (compound) => compound.addAction(action),
          `Shotline: create bin ${shown}`,
        );
      });
      if (!created) throw new HostError(`Premiere could not create the "${shown}" bin.`);
      bin = await retry(options, () => findChildBin(api, parent, name));
      if (!bin) throw new HostError(`The "${shown}" bin was created but cannot be found in the project.`);
    }
    folder = api.FolderItem.cast(bin);
  }
  if (!bin) throw new HostError('A bin path needs at least one name.');
  return bin;
}

export async function findByMediaPath(
  api: PremiereApi,
  bin: ProjectItemApi,
  path: string,
): Promise<ProjectItemApi | undefined> {
  const items = await api.FolderItem.cast(bin).getItems();
  for (const item of items) {
    if (item.type === api.ProjectItem.TYPE_BIN) continue;
    const mediaPath = await api.ClipProjectItem.cast(item).getMediaFilePath();
    if (sameMediaPath(mediaPath, path)) return item;
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
      `Premiere could not import ${path}. Check that the file exists and is a readable video.`,
    );
  }
  const item = await retry(options, () => findByMediaPath(api, bin, path));
  if (!item)
    throw new HostError(`Premiere imported ${path} but the clip did not appear in the bin "${bin.name}".`);
  return item;
}
