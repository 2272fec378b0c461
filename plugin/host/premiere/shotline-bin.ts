// Finds or creates the project's Shotline bin and imports a clip into it, recovering the new ProjectItem by path.
import { HostError } from '../host-adapter';
import { sameMediaPath } from '../media-path';
import type { PremiereApi, ProjectApi, ProjectItemApi } from './premiere-api';

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

async function findBin(api: PremiereApi, project: ProjectApi): Promise<ProjectItemApi | undefined> {
  const root = await project.getRootItem();
  const items = await root.getItems();
  return items.find((item) => item.type === api.ProjectItem.TYPE_BIN && item.name === SHOTLINE_BIN_NAME);
}

export async function ensureShotlineBin(
  api: PremiereApi,
  project: ProjectApi,
  options: RetryOptions,
): Promise<ProjectItemApi> {
  const existing = await findBin(api, project);
  if (existing) return existing;
  const root = await project.getRootItem();
  let created = false;
  project.lockedAccess(() => {
    const action = root.createBinAction(SHOTLINE_BIN_NAME, false);
    created = project.executeTransaction((compound) => compound.addAction(action), 'Shotline: create bin');
  });
  if (!created) throw new HostError(`Premiere could not create the "${SHOTLINE_BIN_NAME}" bin.`);
  const bin = await retry(options, () => findBin(api, project));
  if (!bin)
    throw new HostError(`The "${SHOTLINE_BIN_NAME}" bin was created but cannot be found in the project.`);
  return bin;
}

async function findByMediaPath(
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
    throw new HostError(`Premiere imported ${path} but the clip did not appear in the Shotline bin.`);
  return item;
}
