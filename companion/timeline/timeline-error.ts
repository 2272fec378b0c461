// Errors of the timeline export: a stable code for scripts and a sentence for the editor.
import { z } from 'zod';

export const TimelineErrorCodeSchema = z.enum(['TIMELINE_RATE_UNSUPPORTED', 'TIMELINE_PATH_INVALID']);
export type TimelineErrorCode = z.infer<typeof TimelineErrorCodeSchema>;

export class TimelineError extends Error {
  readonly code: TimelineErrorCode;
  constructor(code: TimelineErrorCode, message: string) {
    super(message);
    this.name = 'TimelineError';
    this.code = code;
  }
}
