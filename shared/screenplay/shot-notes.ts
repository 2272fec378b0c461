// Reads shot notes such as `[[SHOT 1A: wide, locked-off camera, low angle]]` or `[[镜头 2：特写]]`.
import { z } from 'zod';

export const ShotNoteSchema = z.object({
  /** `1A` in `SHOT 1A: ...`; null for `SHOT: ...`. */
  label: z.string().nullable(),
  /** What follows the colon: the camera and style words. */
  text: z.string(),
  line: z.number().int().min(1),
});
export type ShotNote = z.infer<typeof ShotNoteSchema>;

const SHOT_NOTE = /^(?:shot|镜头)\s*([\p{L}\p{N}.-]+)?\s*[:：]\s*([\s\S]*)$/iu;

export function parseShotNote(noteText: string, line: number): ShotNote | null {
  const match = SHOT_NOTE.exec(noteText.trim());
  if (!match) return null;
  return { label: match[1] ?? null, text: match[2]!.trim(), line };
}
