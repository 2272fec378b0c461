// One-time pairing codes: 8 digits an editor types into the panel instead of copying the long token.
// The code lives in a 0600 file beside the token, so `shotline pair` (another process) can mint one for a
// running daemon; it is single use and expires, and wrong codes count against the pairing rate limit.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

/** Ten minutes: long enough to switch to Premiere and type it, short enough to be worthless later. */
export const PAIRING_CODE_TTL_MS = 10 * 60_000;

const StoredCodeSchema = z.object({ code: z.string().regex(/^\d{8}$/), expiresAt: z.number() });

export interface IssuedCode {
  /** As shown to people: "1234-5678". */
  display: string;
  expiresAt: number;
}

/** Digits only, so "1234-5678", "1234 5678" and "12345678" are the same code. */
export function normalizePairingCode(offered: string): string {
  return offered.replace(/[\s-]/g, '');
}

const digest = (code: string) => createHash('sha256').update(code).digest();

export class PairingCodes {
  constructor(
    private readonly file: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Replaces any earlier code: only the newest one printed works. */
  issue(ttlMs = PAIRING_CODE_TTL_MS): IssuedCode {
    const code = String(randomInt(0, 100_000_000)).padStart(8, '0');
    const expiresAt = this.now() + ttlMs;
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify({ code, expiresAt }) + '\n', { mode: 0o600 });
    renameSync(temporary, this.file);
    return { display: `${code.slice(0, 4)}-${code.slice(4)}`, expiresAt };
  }

  /** True once for the current code while it is fresh; the code is gone afterwards either way. */
  redeem(offered: string): boolean {
    const stored = this.read();
    if (!stored) return false;
    if (stored.expiresAt <= this.now()) {
      this.discard();
      return false;
    }
    // Compared as digests in constant time, like the token.
    if (!timingSafeEqual(digest(normalizePairingCode(offered)), digest(stored.code))) return false;
    this.discard();
    return true;
  }

  private read(): z.infer<typeof StoredCodeSchema> | undefined {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    try {
      const parsed = StoredCodeSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  private discard(): void {
    rmSync(this.file, { force: true });
  }
}
