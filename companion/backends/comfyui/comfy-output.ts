// What a finished prompt saved, in the forms ComfyUI's core nodes write: a video file, an animated image, or frames.
import { z } from 'zod';

export const FileRefSchema = z.object({
  filename: z.string(),
  subfolder: z.string().default(''),
  type: z.string().default('output'),
});
export type FileRef = z.infer<typeof FileRefSchema>;

/** One prompt's entry in `GET /history/{id}`. */
export const HistoryEntrySchema = z.object({
  outputs: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
  status: z
    .object({
      status_str: z.string().optional(),
      completed: z.boolean().optional(),
      messages: z.array(z.tuple([z.string(), z.unknown()])).default([]),
    })
    .optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** Nodes that save a clip (VHS_VideoCombine is the common custom one). */
const CLIP_SAVERS: ReadonlySet<string> = new Set([
  'SaveVideo',
  'SaveWEBM',
  'SaveAnimatedWEBP',
  'SaveAnimatedPNG',
  'VHS_VideoCombine',
]);

const VIDEO_FILE = /\.(mp4|webm|mkv|mov)$/i;
const ANIMATED_FILE = /\.(gif|webp|png)$/i;
const FRAME_FILE = /\.(png|jpe?g|webp)$/i;

export type SavedOutput =
  | { kind: 'video'; file: FileRef }
  /** One animated GIF, WEBP or PNG (SaveAnimatedWEBP / SaveAnimatedPNG mark it `animated: [true]`). */
  | { kind: 'animation'; file: FileRef }
  /** Still images in frame order (SaveImage of a decoded batch). */
  | { kind: 'frames'; files: FileRef[] };

const RANK: Record<SavedOutput['kind'], number> = { video: 0, animation: 1, frames: 2 };

function fromNode(output: Record<string, unknown>): { saved?: SavedOutput; files: FileRef[] } {
  const files: FileRef[] = [];
  // Core nodes list files under "images" (SaveVideo too); VideoHelperSuite uses "gifs".
  for (const key of ['images', 'gifs', 'videos']) {
    const list = z.array(FileRefSchema).safeParse(output[key]);
    if (list.success) files.push(...list.data);
  }
  const video = files.find((f) => VIDEO_FILE.test(f.filename));
  if (video) return { saved: { kind: 'video', file: video }, files };
  const animated = Array.isArray(output.animated) && output.animated[0] === true;
  const single = files.length === 1 ? files[0] : undefined;
  if (single && ANIMATED_FILE.test(single.filename) && (animated || /\.gif$/i.test(single.filename))) {
    return { saved: { kind: 'animation', file: single }, files };
  }
  const frames = files.filter((f) => FRAME_FILE.test(f.filename));
  return { saved: frames.length > 0 ? { kind: 'frames', files: frames } : undefined, files };
}

/**
 * The clip a finished prompt saved: of our output nodes (see outputNodes), the best one saved — a video before
 * an animation before loose frames. `found` lists every file seen, for the error when none fits.
 */
export function findSavedOutput(
  entry: HistoryEntry,
  outputs: readonly string[],
): { saved?: SavedOutput; found: FileRef[] } {
  const found: FileRef[] = [];
  let best: SavedOutput | undefined;
  for (const [id, output] of Object.entries(entry.outputs)) {
    const { saved, files } = fromNode(output);
    found.push(...files);
    // A graph without a node we know saves clips: whatever any node saved is the candidate.
    if (!saved || (outputs.length > 0 && !outputs.includes(id))) continue;
    if (!best || RANK[saved.kind] < RANK[best.kind]) best = saved;
  }
  return { saved: best, found };
}

/**
 * The nodes that save our clip: the declared output, else every clip saver in the graph, else (a graph of
 * stills) every SaveImage. A SaveImage beside a clip saver is a preview or poster branch, never the clip.
 */
export function outputNodes(
  graph: Record<string, { class_type: string }>,
  declared: string | undefined,
): string[] {
  if (declared) return [declared];
  const ids = (test: (cls: string) => boolean) =>
    Object.entries(graph)
      .filter(([, node]) => test(node.class_type))
      .map(([id]) => id);
  const savers = ids((cls) => CLIP_SAVERS.has(cls));
  return savers.length > 0 ? savers : ids((cls) => cls === 'SaveImage');
}
