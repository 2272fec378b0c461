// Why the host could not do what the panel asked: a stable code and the facts (track, bin, file) for the panel
// to word in the editor's language, with an English sentence for logs and the companion's job timeline.
import { z } from 'zod';
import { CodedError, type CodedSentence } from '../../shared/errors/coded-error';

export const HostErrorCodeSchema = z.enum([
  'NO_PROJECT',
  'NO_SEQUENCE',
  'AE_NO_COMP',
  'AE_NO_INSERT',
  /** After Effects lacks a call the panel needs; `case` names which (replaceClip, getMarkers, ...). */
  'AE_UNSUPPORTED',
  'CLIP_NOT_PLACED',
  'CLIP_NO_FRAMES',
  'CLIPS_NOT_ON_TIMELINE',
  'MIXED_EDIT_MODES',
  'TARGET_MOVED',
  'REPLACE_LENGTH_MISMATCH',
  'TAKE_LENGTH_MISMATCH',
  'BIN_MISSING',
  'BIN_NOT_CREATED',
  'BIN_NOT_FOUND',
  'NAME_NOT_A_BIN',
  'IMPORT_FAILED',
  'IMPORTED_NOT_IN_BIN',
  'TRACK_NAME_UNKNOWN',
  'TRACK_MISSING',
  'TRACK_OCCUPIED',
  'EDIT_REFUSED',
  'OUT_BEFORE_IN',
  'NO_CLIP_SELECTED',
  'NO_TRANSCRIPT',
  'NOT_MEDIA_CLIP',
  'TRANSCRIPT_NOT_JSON',
  'TRANSCRIPT_NO_SEGMENTS',
  /** Anything the host threw that is not a HostError: its own text is all there is. */
  'HOST_FAILED',
]);
export type HostErrorCode = z.infer<typeof HostErrorCodeSchema>;

/** A failure the panel can show: worded from its code and params, the message being the English sentence. */
export class HostError extends CodedError<HostErrorCode> {}

/** Any failure of a host call as a coded sentence, for the job row and the placement report. */
export function hostFailure(err: unknown): CodedSentence<HostErrorCode> {
  if (err instanceof HostError) return err.toSentence();
  const detail = err instanceof Error ? err.message : String(err);
  return { code: 'HOST_FAILED', message: detail, params: { detail: detail.slice(0, 500) } };
}
