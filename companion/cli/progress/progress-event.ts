// What a CLI batch reports while it works: one union told apart by `event`, printed as-is by `--json`.
import { z } from 'zod';

const ClipRef = { shotId: z.string(), take: z.number().int() };
/** Seconds left, or null while too little is done to tell. */
const Eta = z.number().nonnegative().nullable();

export const ProgressEventSchema = z.discriminatedUnion('event', [
  z.object({
    event: z.literal('start'),
    clips: z.number().int(),
    jobs: z.number().int(),
    backend: z.string(),
    outDir: z.string(),
  }),
  z.object({ event: z.literal('clip.start'), ...ClipRef }),
  z.object({
    event: z.literal('clip.progress'),
    ...ClipRef,
    phase: z.string(),
    fraction: z.number(),
    etaSeconds: Eta,
    overall: z.object({ fraction: z.number(), etaSeconds: Eta }),
  }),
  z.object({ event: z.literal('clip.done'), ...ClipRef, path: z.string(), seconds: z.number() }),
  z.object({ event: z.literal('clip.failed'), ...ClipRef, code: z.string(), message: z.string() }),
  z.object({
    event: z.literal('summary'),
    made: z.number().int(),
    failed: z.array(z.object({ ...ClipRef, code: z.string(), message: z.string() })),
    seconds: z.number(),
    outDir: z.string(),
    timeline: z.object({ xml: z.string(), otio: z.string() }).optional(),
    /** A shell command that opens the timeline export in the editing application. */
    open: z.string().optional(),
  }),
]);

export type ProgressEvent = z.infer<typeof ProgressEventSchema>;
export type SummaryEvent = Extract<ProgressEvent, { event: 'summary' }>;

/** Prints a batch's events in one style (bars, lines, JSON or nothing). */
export interface ProgressReporter {
  report(event: ProgressEvent): void;
  /** Leaves the terminal as it found it (bars stopped, cursor shown). */
  stop(): void;
}
