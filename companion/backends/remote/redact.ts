// Keeps secrets (API keys, auth headers, signed URL queries) out of every message, log line and error.
import { ShotlineError, type ErrorParams } from '../../../shared/protocol';

const REDACTED = '[redacted]';

// Shapes of credentials worth hiding even when we were not told the exact value.
const GENERIC_PATTERNS: readonly RegExp[] = [/(Bearer\s+)[^\s"',;]+/gi, /\bsk-[A-Za-z0-9_-]{6,}/g];

export class Redactor {
  private readonly secrets: string[];

  constructor(secrets: readonly (string | undefined)[]) {
    // Longest first, so a secret that contains another is hidden whole.
    this.secrets = secrets
      .filter((s): s is string => typeof s === 'string' && s.length >= 4)
      .sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    for (const pattern of GENERIC_PATTERNS) {
      out = out.replace(pattern, (match, prefix?: string) =>
        typeof prefix === 'string' && match.startsWith(prefix) ? `${prefix}${REDACTED}` : REDACTED,
      );
    }
    return out;
  }

  /** The same error with a cleaned message; non-Shotline errors become `fallback` errors. */
  error(err: unknown, fallback: ShotlineError['code'] = 'BACKEND_FAILED'): ShotlineError {
    if (err instanceof ShotlineError) {
      const message = this.redact(err.message);
      const params = err.params && this.redactParams(err.params);
      const same = message === err.message && JSON.stringify(params) === JSON.stringify(err.params);
      return same ? err : new ShotlineError(err.code, message, { ...(params && { params }) });
    }
    const detail = err instanceof Error ? err.message : String(err);
    return new ShotlineError(fallback, this.redact(detail));
  }

  /** The values the panel words a sentence with are as public as the sentence: cleaned the same way. */
  private redactParams(params: ErrorParams): ErrorParams {
    return Object.fromEntries(
      Object.entries(params).map(([key, value]) => [
        key,
        typeof value === 'string' ? this.redact(value) : value,
      ]),
    );
  }
}

/** A URL fit for messages: origin and path, without the query (signed download URLs carry tokens there). */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(unreadable URL)';
  }
}
