// The user's edits to pre-filled shot fields, kept apart from the script so re-parsing never loses them.
import { getShotField, withShotField, type ShotDescription, type ShotFieldPath } from '../../shared/shots';
import type { ScriptShot } from './script-shots';

/** Edited descriptions by shot key; a shot never edited uses its pre-filled fields. */
export type ShotEdits = ReadonlyMap<string, ShotDescription>;

/** Line and text together: editing the line's words (or pasting another script) starts the form afresh. */
export function shotKey(shot: Pick<ScriptShot, 'lineNumber' | 'text'>): string {
  return `${shot.lineNumber}\u0000${shot.text}`;
}

export function descriptionOf(shot: ScriptShot, edits: ShotEdits): ShotDescription {
  return edits.get(shotKey(shot)) ?? shot.prefilled;
}

export function editShotField(
  edits: ShotEdits,
  shot: ScriptShot,
  path: ShotFieldPath,
  value: string,
): ShotEdits {
  const next = new Map(edits);
  next.set(shotKey(shot), withShotField(descriptionOf(shot, edits), path, value));
  return next;
}

export function resetShot(edits: ShotEdits, shot: ScriptShot): ShotEdits {
  const next = new Map(edits);
  next.delete(shotKey(shot));
  return next;
}

export function isEdited(shot: ScriptShot, edits: ShotEdits, path: ShotFieldPath): boolean {
  const edited = edits.get(shotKey(shot));
  return edited !== undefined && getShotField(edited, path) !== getShotField(shot.prefilled, path);
}
