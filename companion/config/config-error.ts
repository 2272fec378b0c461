// Refusals about the data folder and its files: a stable code for scripts, a sentence for people.
export type ConfigErrorCode = 'TOKEN_IS_LINK' | 'TOKEN_WEAK' | 'DATA_DIR_UNSAFE' | 'DATA_DIR_LOCKED';

export class ConfigError extends Error {
  constructor(
    readonly code: ConfigErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}
