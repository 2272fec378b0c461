// The AI-draft note editors see in a clip's Log Note column: written by the panel (XMP) and the timeline export.
import type { Provenance } from '../protocol';

export type NoteFields = Pick<Provenance, 'prompt'> & Partial<Pick<Provenance, 'seed' | 'backend' | 'model'>>;

/** The log note Premiere shows in the Log Note column: marks the clip as an AI draft and says how it was made. */
export function provenanceNote(p: NoteFields): string {
  const parts = [`AI draft (Shotline). Prompt: ${p.prompt}`];
  if (p.seed !== undefined) parts.push(`Seed: ${p.seed}`);
  if (p.backend) parts.push(`Backend: ${p.backend}`);
  if (p.model) parts.push(`Model: ${p.model}`);
  return parts.join('\n');
}
