// Turns a shot's conditioning sources into PNG files kept with its job, so a retry or restart reuses them.
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ShotlineError } from '../../shared/protocol';
import type {
  Conditioning,
  ConditioningMode,
  ConditioningRecord,
  FrameSize,
  ImageSource,
  ShotRequest,
} from '../../shared/protocol';
import type { ConditioningImage, PreparedConditioning } from '../backends/backend';
import { fileExists } from '../media/atomic-file';
import type { FitMode } from '../media/conform-plan';
import { extractFrame, extractStill } from '../media/extract-frame';
import type { MediaRoots } from '../media/media-roots';
import { sha256File } from '../media/file-hash';

export interface ConditioningSetup {
  roots: MediaRoots;
  /** The job's own folder in the data folder; the images are named start.png and end.png inside it. */
  dir: string;
  size: FrameSize;
  fit: FitMode;
  signal: AbortSignal;
}

/** Board file extensions, in the order they are preferred when a folder holds more than one for a shot. */
const BOARD_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp'];

/** The still named `name` in a storyboard folder (extension and case aside), checked under the media roots. */
async function boardFile(folder: string, name: string, roots: MediaRoots): Promise<string> {
  const real = await roots.resolve(folder, { folder: true });
  const entries = await readdir(real);
  for (const extension of BOARD_EXTENSIONS) {
    const found = entries.find((entry) => entry.toLowerCase() === `${name}${extension}`.toLowerCase());
    if (found) return roots.resolve(join(real, found));
  }
  throw new ShotlineError(
    'IMAGE_INVALID',
    `The storyboard folder ${folder} has no image named ${name} (${BOARD_EXTENSIONS.join(', ')}).`,
    { params: { folder, name, extensions: BOARD_EXTENSIONS.join(', '), case: 'noBoard' } },
  );
}

async function prepareImage(
  source: ImageSource,
  name: string,
  setup: ConditioningSetup,
): Promise<ConditioningImage> {
  const path = join(setup.dir, `${name}.png`);
  // Made once per job: a second run (retry, restart) must see the very frame the first one did, even if
  // the media file changed since.
  if (!(await fileExists(path))) {
    const target = { size: setup.size, fit: setup.fit, signal: setup.signal };
    if (source.kind === 'board') {
      await extractStill(await boardFile(source.folder, source.name, setup.roots), path, target);
    } else {
      const real = await setup.roots.resolve(source.path);
      if (source.kind === 'frame') await extractFrame(real, source.time, path, target);
      else await extractStill(real, path, target);
    }
  }
  return { path, sha256: await sha256File(path), width: setup.size.width, height: setup.size.height, source };
}

/** A job's images made ahead of its take (by a cluster coordinator), kept in that job's own folder. */
export type JobImagePreparer = (
  jobId: string,
  shot: ShotRequest,
  signal: AbortSignal,
) => Promise<PreparedConditioning | undefined>;

export async function prepareConditioning(
  conditioning: Conditioning,
  setup: ConditioningSetup,
): Promise<PreparedConditioning> {
  await mkdir(setup.dir, { recursive: true });
  const start = await prepareImage(conditioning.startImage, 'start', setup);
  const end = conditioning.endImage ? await prepareImage(conditioning.endImage, 'end', setup) : undefined;
  return {
    mode: conditioning.mode,
    ...(conditioning.action && { action: conditioning.action }),
    start,
    ...(end && { end }),
  };
}

/** What provenance keeps: each image's hash, source and size, the mode asked for and the one run. */
export function conditioningRecord(
  prepared: PreparedConditioning,
  used: ConditioningMode,
): ConditioningRecord {
  const image = ({ sha256, source, width, height }: ConditioningImage) => ({ sha256, source, width, height });
  return {
    requested: prepared.mode,
    used,
    ...(prepared.action && { action: prepared.action }),
    startImage: image(prepared.start),
    ...(prepared.end && used === 'flf2v' && { endImage: image(prepared.end) }),
  };
}
