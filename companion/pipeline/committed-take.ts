// A take already committed by an earlier attempt (clip and sidecar in place) is recognised, not run again.
import { readFile } from 'node:fs/promises';
import { JobOutputSchema, ProvenanceSchema } from '../../shared/protocol';
import { fileExists } from '../media/atomic-file';
import { posterPathFor } from '../media/poster';
import { sha256File } from '../media/file-hash';
import { sidecarPathFor, type TakeResult, type TakeSpec } from './run-take';

/** What run-take writes beside every clip: the provenance with the output (less its own path) inside. */
const SidecarSchema = ProvenanceSchema.extend({
  output: JobOutputSchema.omit({ sidecarPath: true, poster: true }),
});

/**
 * The finished take of this very job, if its clip and sidecar are on disk and agree: same shot, take, seed and
 * acceptance time, and the clip's bytes still hash to what the sidecar recorded. Anything else: undefined.
 */
export async function readCommittedTake(spec: TakeSpec): Promise<TakeResult | undefined> {
  const sidecarPath = sidecarPathFor(spec.outPath);
  const text = await readFile(sidecarPath, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  let parsed;
  try {
    parsed = SidecarSchema.safeParse(JSON.parse(text));
  } catch {
    return undefined;
  }
  if (!parsed.success) return undefined;
  const { output, ...provenance } = parsed.data;
  const same =
    output.path === spec.outPath &&
    provenance.shotId === spec.shot.shotId &&
    provenance.take === spec.take &&
    provenance.seed === spec.seed &&
    provenance.createdAt === spec.createdAt.toISOString();
  if (!same) return undefined;
  const sha256 = await sha256File(spec.outPath).catch(() => undefined);
  if (sha256 !== output.sha256) return undefined;
  const poster = posterPathFor(spec.outPath);
  const hasPoster = await fileExists(poster);
  return {
    output: { ...output, sidecarPath, ...(hasPoster && { poster: { path: poster } }) },
    provenance,
  };
}
