// Final Draft's own paragraph types by name, and what each one is to a shot list.

/** What a paragraph becomes; `structure` is script furniture that is neither body nor a section. */
export type FdxRole =
  | 'scene_heading'
  | 'action'
  | 'character'
  | 'parenthetical'
  | 'dialogue'
  | 'transition'
  | 'lyrics'
  | 'section'
  | 'synopsis'
  | 'note'
  | 'structure';

export interface FdxTypeInfo {
  readonly role: FdxRole;
  /** Section depth: acts open the outline, sequences and outline levels nest under them. */
  readonly depth?: number;
  /** Final Draft's default `AllCaps` for the type, used when a file carries no settings for it. */
  readonly allCaps: boolean;
}

/** Names as Final Draft writes them in `Type="..."` (its screenplay and TV templates, and outline elements). */
export const FDX_STANDARD_TYPES: Readonly<Record<string, FdxTypeInfo>> = Object.freeze({
  'Scene Heading': { role: 'scene_heading', allCaps: true },
  Action: { role: 'action', allCaps: false },
  General: { role: 'action', allCaps: false },
  Shot: { role: 'action', allCaps: true },
  Character: { role: 'character', allCaps: true },
  Parenthetical: { role: 'parenthetical', allCaps: false },
  Dialogue: { role: 'dialogue', allCaps: false },
  Transition: { role: 'transition', allCaps: true },
  Lyrics: { role: 'lyrics', allCaps: false },
  'New Act': { role: 'section', depth: 1, allCaps: true },
  'Teaser/Act One': { role: 'section', depth: 1, allCaps: true },
  'Cold Opening': { role: 'section', depth: 1, allCaps: true },
  Sequence: { role: 'section', depth: 2, allCaps: false },
  'Outline 1': { role: 'section', depth: 1, allCaps: false },
  'Outline 2': { role: 'section', depth: 2, allCaps: false },
  'Outline 3': { role: 'section', depth: 3, allCaps: false },
  'Outline 4': { role: 'section', depth: 4, allCaps: false },
  Summary: { role: 'synopsis', allCaps: false },
  Note: { role: 'note', allCaps: false },
  'End of Act': { role: 'structure', allCaps: true },
  'Show/Ep. Title': { role: 'structure', allCaps: true },
  'Act Info': { role: 'structure', allCaps: true },
  'Cast List': { role: 'structure', allCaps: false },
});

/** Roles whose paragraphs are the script as printed: hidden text of these kinds is never read. */
export const BODY_ROLES: ReadonlySet<FdxRole> = new Set([
  'scene_heading',
  'action',
  'character',
  'parenthetical',
  'dialogue',
  'transition',
  'lyrics',
]);
