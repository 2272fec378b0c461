// Errors for a script that cannot be read at all: a stable code for programs, a sentence for people.

export type ScriptErrorCode = 'FDX_MALFORMED' | 'FDX_NOT_FINAL_DRAFT';

export class ScriptError extends Error {
  constructor(
    readonly code: ScriptErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ScriptError';
  }
}
