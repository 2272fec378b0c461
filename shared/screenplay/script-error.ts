// Errors for a script that cannot be read at all: a stable code for programs, a sentence for people.
import { z } from 'zod';
import { CodedError } from '../errors/coded-error';

export const ScriptErrorCodeSchema = z.enum(['FDX_MALFORMED', 'FDX_NOT_FINAL_DRAFT']);
export type ScriptErrorCode = z.infer<typeof ScriptErrorCodeSchema>;

export class ScriptError extends CodedError<ScriptErrorCode> {}
