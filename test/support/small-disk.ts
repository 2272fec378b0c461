// A real small file system (tmpfs, when mounting is permitted) that a test can fill up and free again.
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteJobStore } from '../../companion/store/sqlite-job-store';

/**
 * Where mounting is not permitted: SQLite's own page limit gives the same SQLITE_FULL once every page is
 * used, the free room left in the jobs table's pages included (filled with placeholder rows, removed on free).
 */
class PageLimitedStore extends SqliteJobStore {
  fill(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS filler (b BLOB)');
    this.db.pragma(`max_page_count = ${this.db.pragma('page_count', { simple: true }) as number}`);
    const fillers = [
      this.db.prepare('INSERT INTO filler VALUES (randomblob(1000))'),
      this.db.prepare(
        `INSERT INTO jobs (job_id, owner_id, status, shot, take, seed, frames, out_path, created_at, updated_at)
         VALUES ('filler-' || hex(randomblob(4)), '', 'done', '', 1, 0, 1, '', 0, 0)`,
      ),
    ];
    for (const insert of fillers) {
      try {
        for (;;) insert.run();
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_FULL') throw err;
      }
    }
  }
  free(): void {
    this.db.pragma('max_page_count = 1000000');
    this.db.exec("DELETE FROM filler; DELETE FROM jobs WHERE job_id LIKE 'filler-%'");
  }
}

export interface SmallDisk {
  dir: string;
  /** "tmpfs" or, where mount is refused, "page limit". */
  kind: string;
  openStore(name: string): SqliteJobStore;
  fill(): void;
  free(): void;
  /** Remounts it read-only (EROFS); where mounting is refused, takes write permission away instead. */
  readOnly(): void;
  writable(): void;
  release(): void;
}

export function smallDisk(): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'shotline-disk-'));
  let mounted = false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir], { stdio: 'ignore' });
    mounted = true;
  } catch {
    mounted = false;
  }
  const filler = join(dir, 'filler');
  let store: SqliteJobStore | undefined;
  return {
    dir,
    kind: mounted ? 'tmpfs' : 'page limit',
    openStore(name) {
      store = mounted ? new SqliteJobStore(join(dir, name)) : new PageLimitedStore(join(dir, name));
      return store;
    },
    fill() {
      if (!mounted) return (store as PageLimitedStore).fill();
      const fd = openSync(filler, 'w');
      const chunk = Buffer.alloc(64 * 1024, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      } finally {
        closeSync(fd);
      }
    },
    free() {
      if (!mounted) return (store as PageLimitedStore).free();
      rmSync(filler, { force: true });
    },
    readOnly() {
      if (mounted) execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'ignore' });
      else chmodSync(dir, 0o555);
    },
    writable() {
      if (mounted) execFileSync('mount', ['-o', 'remount,rw', dir], { stdio: 'ignore' });
      else chmodSync(dir, 0o755);
    },
    release() {
      if (mounted) execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
