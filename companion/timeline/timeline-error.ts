// Errors of the timeline export: a stable code for scripts and a sentence for the editor.
import { z } from 'zod';
import { CodedError } from '../../shared/errors/coded-error';

export const TimelineErrorCodeSchema = z.enum(['TIMELINE_RATE_UNSUPPORTED', 'TIMELINE_PATH_INVALID']);
export type TimelineErrorCode = z.infer<typeof TimelineErrorCodeSchema>;

export class TimelineError extends CodedError<TimelineErrorCode> {}
