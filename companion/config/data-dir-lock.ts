// One daemon per data folder: an OS file lock (SQLite's, released by the kernel if the holder dies).
import Database from 'better-sqlite3';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config-error';

const LOCK_FILE = 'serve.lock';
/** Who holds the lock, for the refusal sentence; the locked file itself cannot be read by others. */
const HOLDER_FILE = 'serve.json';

export interface LockHolder {
  pid: number;
  url?: string;
  since: string;
}

export class DataDirLock {
  private constructor(
    private readonly root: string,
    private readonly db: Database.Database,
  ) {}

  /**
   * Takes the folder's lock before anything in it is touched, or refuses at once. SQLite's exclusive
   * locking mode holds a POSIX lock for as long as the connection is open, so a kill -9 frees it.
   */
  static acquire(root: string): DataDirLock {
    const db = new Database(join(root, LOCK_FILE), { timeout: 0 });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      // The first write takes the exclusive lock, and exclusive mode keeps it.
      db.exec('CREATE TABLE IF NOT EXISTS lock (n INTEGER); INSERT INTO lock VALUES (1); DELETE FROM lock;');
    } catch (err) {
      db.close();
      if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
      throw new ConfigError(
        'DATA_DIR_LOCKED',
        `${root} is in use by ${describeHolder(root)}; stop it first, or give another --data-dir.`,
      );
    }
    const lock = new DataDirLock(root, db);
    lock.announce({});
    return lock;
  }

  /** Records who holds the lock (pid, and the URL once listening) for the next one that asks. */
  announce(details: { url?: string }): void {
    const holder: LockHolder = { pid: process.pid, ...details, since: new Date().toISOString() };
    writeFileSync(join(this.root, HOLDER_FILE), JSON.stringify(holder) + '\n', { mode: 0o600 });
  }

  release(): void {
    rmSync(join(this.root, HOLDER_FILE), { force: true });
    this.db.close();
  }
}

function describeHolder(root: string): string {
  try {
    const holder = JSON.parse(readFileSync(join(root, HOLDER_FILE), 'utf8')) as Partial<LockHolder>;
    return `another Shotline companion (pid ${holder.pid ?? '?'}${holder.url ? `, ${holder.url}` : ''}, since ${holder.since ?? '?'})`;
  } catch {
    return 'another Shotline companion';
  }
}
