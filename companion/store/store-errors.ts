// Database failures as errors with their own codes, each naming the file: a full disk is not a crash.
import { ShotlineError } from '../../shared/protocol';

/** SQLite's result codes for "no room left": the disk, or the database's own page limit. */
const FULL_CODES = new Set(['SQLITE_FULL']);

export function storeError(file: string, err: unknown): ShotlineError {
  if (err instanceof ShotlineError) return err;
  const code = (err as { code?: unknown }).code;
  const detail = err instanceof Error ? err.message : String(err);
  if (typeof code === 'string' && FULL_CODES.has(code)) {
    return new ShotlineError(
      'STORE_FULL',
      `The job database ${file} cannot be written: ${detail}. Free some space; held jobs are saved when it returns.`,
      { params: { file, detail }, cause: err },
    );
  }
  return new ShotlineError('STORE_FAILED', `The job database ${file} failed: ${detail}.`, {
    params: { file, detail },
    cause: err,
  });
}
