// Job ids and file names derived from user text, safe on every file system.
import { randomBytes } from 'node:crypto';

export function newJobId(): string {
  return `job_${randomBytes(9).toString('base64url')}`;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** Makes a file-name stem from user text: no separators, dots-only, control characters or reserved names. */
export function safeFileStem(text: string, maxLength = 64): string {
  const cleaned = text
    .normalize('NFC')
    // Control characters are exactly what must never reach a file name.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '_')
    .replace(/\s+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[._]+|[._ ]+$/g, '')
    .slice(0, maxLength);
  if (!cleaned || WINDOWS_RESERVED.test(cleaned)) return `shot_${cleaned || 'untitled'}`;
  return cleaned;
}
