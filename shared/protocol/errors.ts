// Error codes that cross the socket: a stable string for code, a sentence for people.
import { z } from 'zod';
import { fitParams, SentenceParamsSchema } from '../errors/coded-error';

export const ErrorCodeSchema = z.enum([
  'BAD_MESSAGE',
  'UNKNOWN_MESSAGE',
  'UNSUPPORTED_VERSION',
  'UNAUTHORIZED',
  'NOT_PAIRED',
  'UNKNOWN_BACKEND',
  'INVALID_SHOT',
  'IMAGE_NOT_ALLOWED',
  'IMAGE_INVALID',
  'JOB_NOT_FOUND',
  'JOB_CANCELLED',
  'QUEUE_FULL',
  'QUEUE_UNAVAILABLE',
  'NO_WORKER',
  'RATE_LIMITED',
  'POLICY_BLOCKED',
  'BACKEND_FAILED',
  'BACKEND_NOT_READY',
  'MODEL_INVALID',
  'FFMPEG_MISSING',
  'ENCODE_FAILED',
  'UNSUPPORTED_COLOUR',
  'OUTPUT_WRITE_FAILED',
  'OUTPUT_MISSING',
  'REMOTE_AUTH_FAILED',
  'REMOTE_RATE_LIMITED',
  'REMOTE_REFUSED',
  'REMOTE_TASK_FAILED',
  'REMOTE_TASK_EXPIRED',
  'REMOTE_UNREACHABLE',
  'REMOTE_TIMEOUT',
  'DOWNLOAD_FAILED',
  'WORKFLOW_INVALID',
  'TEMPLATE_INVALID',
  'TEMPLATE_NOT_FOUND',
  'STORE_FULL',
  'STORE_FAILED',
  'ENCODE_STALLED',
  'JOB_TOO_LARGE',
  'INTERNAL_ERROR',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** The values a sentence is made of, so the panel can word the error in the editor's language. */
export const ErrorParamsSchema = SentenceParamsSchema;
export type ErrorParams = z.infer<typeof ErrorParamsSchema>;

export const WireErrorSchema = z.object({
  code: ErrorCodeSchema,
  /** The companion's English sentence: what logs and the CLI show, and the panel's fallback. */
  message: z.string(),
  params: ErrorParamsSchema.optional(),
});
export type WireError = z.infer<typeof WireErrorSchema>;

/** An error that knows its wire code; everything else becomes INTERNAL_ERROR at the boundary. */
export class ShotlineError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams | undefined;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; params?: ErrorParams }) {
    super(message, options);
    this.name = 'ShotlineError';
    this.code = code;
    this.params = options?.params && fitParams(options.params);
  }

  toWire(): WireError {
    return { code: this.code, message: this.message, ...(this.params && { params: this.params }) };
  }
}

export function toWireError(err: unknown, context = 'the request'): WireError {
  if (err instanceof ShotlineError) return err.toWire();
  const detail = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL_ERROR', message: `Internal error while handling ${context}: ${detail}` };
}
