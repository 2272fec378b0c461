// Wire schemas for parsed scripts: every element a parser emits, with its 1-based source lines.
import { z } from 'zod';
import { ScriptNoticeSchema } from './script-notices';

/** `chinese`: the mainland layout (`第1场 …`, `△` action, `名字：台词`), see chinese-layout.ts. */
export const ScriptFormatSchema = z.enum(['fountain', 'text', 'fdx', 'chinese']);

const lineSpan = {
  /** 1-based line in the source file where the element starts. */
  line: z.number().int().min(1),
  /** 1-based line where it ends (same as `line` for one-line elements). */
  endLine: z.number().int().min(1),
};

export const SceneHeadingElementSchema = z.object({
  type: z.literal('scene_heading'),
  ...lineSpan,
  /** Heading as written, without the forcing `.` and the `#n#` scene number. */
  text: z.string(),
  sceneNumber: z.string().nullable(),
  forced: z.boolean(),
});

export const ActionElementSchema = z.object({
  type: z.literal('action'),
  ...lineSpan,
  /** Lines of one paragraph joined with `\n`; indentation kept as Fountain asks. */
  text: z.string(),
  forced: z.boolean(),
  /** `>text<`: a title card rather than something the camera sees. */
  centered: z.boolean(),
});

export const CharacterElementSchema = z.object({
  type: z.literal('character'),
  ...lineSpan,
  /** The cue as written, without `@` and `^`. */
  text: z.string(),
  name: z.string(),
  /** e.g. `V.O.`, `CONT'D`, `画外音` — without the parentheses. */
  extensions: z.array(z.string()),
  dual: z.boolean(),
  forced: z.boolean(),
});

export const ParentheticalElementSchema = z.object({
  type: z.literal('parenthetical'),
  ...lineSpan,
  /** With its parentheses, ASCII or full-width, as written. */
  text: z.string(),
});

export const DialogueElementSchema = z.object({ type: z.literal('dialogue'), ...lineSpan, text: z.string() });

export const TransitionElementSchema = z.object({
  type: z.literal('transition'),
  ...lineSpan,
  text: z.string(),
  forced: z.boolean(),
});

export const NoteElementSchema = z.object({
  type: z.literal('note'),
  ...lineSpan,
  /** Text between `[[` and `]]`, trimmed. */
  text: z.string(),
  /** True when the note sat inside another element's line rather than on lines of its own. */
  inline: z.boolean(),
});

export const SectionElementSchema = z.object({
  type: z.literal('section'),
  ...lineSpan,
  text: z.string(),
  depth: z.number().int().min(1),
});

export const SynopsisElementSchema = z.object({ type: z.literal('synopsis'), ...lineSpan, text: z.string() });

export const PageBreakElementSchema = z.object({
  type: z.literal('page_break'),
  ...lineSpan,
  text: z.string(),
});

export const LyricsElementSchema = z.object({ type: z.literal('lyrics'), ...lineSpan, text: z.string() });

/** A cast line (`人物：林队长（50岁，刑警）、小周`): who is in the scene, with any description given. */
export const CastElementSchema = z.object({
  type: z.literal('cast'),
  ...lineSpan,
  text: z.string(),
  entries: z.array(z.object({ name: z.string(), note: z.string() })),
});

export const ScriptElementSchema = z.discriminatedUnion('type', [
  CastElementSchema,
  SceneHeadingElementSchema,
  ActionElementSchema,
  CharacterElementSchema,
  ParentheticalElementSchema,
  DialogueElementSchema,
  TransitionElementSchema,
  NoteElementSchema,
  SectionElementSchema,
  SynopsisElementSchema,
  PageBreakElementSchema,
  LyricsElementSchema,
]);

export const TitlePageEntrySchema = z.object({
  /** Key as written (`Title`, `Draft date`). */
  key: z.string(),
  /** Multi-line values joined with `\n`. */
  value: z.string(),
  line: z.number().int().min(1),
});

export const ParsedScriptSchema = z.object({
  format: ScriptFormatSchema,
  titlePage: z.array(TitlePageEntrySchema),
  elements: z.array(ScriptElementSchema),
  /** What the reader saw but did not read as script (Final Draft beats, hidden or unknown types). */
  notices: z.array(ScriptNoticeSchema).optional(),
});

export type ScriptFormat = z.infer<typeof ScriptFormatSchema>;
export type ScriptElement = z.infer<typeof ScriptElementSchema>;
export type ScriptElementType = ScriptElement['type'];
export type SceneHeadingElement = z.infer<typeof SceneHeadingElementSchema>;
export type ActionElement = z.infer<typeof ActionElementSchema>;
export type CharacterElement = z.infer<typeof CharacterElementSchema>;
export type CastElement = z.infer<typeof CastElementSchema>;
export type NoteElement = z.infer<typeof NoteElementSchema>;
export type TitlePageEntry = z.infer<typeof TitlePageEntrySchema>;
export type ParsedScript = z.infer<typeof ParsedScriptSchema>;
