// Looks at a SQLite database's WAL before it is opened: a damaged or deleted WAL loses recent writes silently.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';

/** The two magic numbers a WAL file starts with (sqlite.org/fileformat2.html, "WAL file format"). */
const WAL_MAGIC = new Set([0x377f0682, 0x377f0683]);

/** Sentences describing what is wrong; empty when the WAL is absent after a clean close, or sound. */
export function checkWal(dbFile: string): string[] {
  const wal = `${dbFile}-wal`;
  const shm = `${dbFile}-shm`;
  if (!existsSync(dbFile)) return [];
  if (!existsSync(wal)) {
    // A clean close removes both; a crash leaves both. Only the index left means the log was deleted.
    return existsSync(shm)
      ? [
          `${wal} is missing after an unclean stop: jobs changed just before it may have lost their last state.`,
        ]
      : [];
  }
  const size = statSync(wal).size;
  if (size === 0) return [];
  const header = Buffer.alloc(4);
  const fd = openSync(wal, 'r');
  try {
    readSync(fd, header, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  if (size < 32 || !WAL_MAGIC.has(header.readUInt32BE(0))) {
    return [
      `${wal} is damaged (no WAL header): SQLite will discard it, losing the jobs' most recent changes.`,
    ];
  }
  return [];
}
