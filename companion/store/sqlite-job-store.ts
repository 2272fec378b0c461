// JobStore on SQLite (better-sqlite3, WAL): one row per job, JSON columns checked with zod on the way out.
import Database from 'better-sqlite3';
import { checkWal } from './wal-check';
import { storeError } from './store-errors';
import { z } from 'zod';
import {
  JobOutputSchema,
  JobProgressSchema,
  JobStatusSchema,
  ProvenanceSchema,
  ShotRequestSchema,
  WireErrorSchema,
} from '../../shared/protocol';
import type { JobRecord } from '../queue/job-record';
import type { JobStore, QuarantinedRow } from './job-store';

const SCHEMA_VERSION = 2;

const RowSchema = z.object({
  job_id: z.string(),
  owner_id: z.string(),
  status: JobStatusSchema,
  shot: z.string(),
  take: z.number().int(),
  seed: z.number().int(),
  frames: z.number().int(),
  out_path: z.string(),
  checkpoint: z.string().nullable(),
  progress: z.string().nullable(),
  output: z.string().nullable(),
  provenance: z.string().nullable(),
  error: z.string().nullable(),
  created_at: z.number(),
  started_at: z.number().nullable(),
});

const json = <T extends z.ZodTypeAny>(schema: T, text: string | null): z.infer<T> | undefined =>
  text === null ? undefined : schema.parse(JSON.parse(text));

export class SqliteJobStore implements JobStore {
  protected readonly db: Database.Database;
  private readonly upsert: Database.Statement;
  /** Problems found at open (a damaged or missing WAL), for the start-up report. */
  readonly warnings: string[];
  /** Rows set aside by the last load(). */
  quarantined: QuarantinedRow[] = [];

  constructor(readonly file: string) {
    // Looked at before SQLite opens the file: opening replays or resets the WAL and the evidence is gone.
    this.warnings = checkWal(file);
    try {
      this.db = new Database(file);
      // WAL + NORMAL survives a killed process (not a power cut) without an fsync per progress tick.
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.checkIntegrity();
      this.migrate();
    } catch (err) {
      throw storeError(file, err);
    }
    this.upsert = this.db.prepare(`
      INSERT INTO jobs (job_id, owner_id, status, shot, take, seed, frames, out_path, checkpoint, progress, output,
                        provenance, error, created_at, started_at, updated_at)
      VALUES (@job_id, @owner_id, @status, @shot, @take, @seed, @frames, @out_path, @checkpoint, @progress, @output,
              @provenance, @error, @created_at, @started_at, @updated_at)
      ON CONFLICT(job_id) DO UPDATE SET owner_id = excluded.owner_id, status = excluded.status,
        checkpoint = excluded.checkpoint, progress = excluded.progress, output = excluded.output,
        provenance = excluded.provenance, error = excluded.error, started_at = excluded.started_at,
        updated_at = excluded.updated_at`);
  }

  /** quick_check reads every page: a damaged file is found at start, not halfway through a job. */
  private checkIntegrity(): void {
    const rows = this.db.pragma('quick_check') as { quick_check: string }[];
    const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    if (problems.length > 0) {
      throw new Error(
        `the integrity check failed (${problems.slice(0, 3).join('; ')}); move the file aside to start with an empty job list`,
      );
    }
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new Error(
        `job database schema v${version} is newer than this companion understands (v${SCHEMA_VERSION})`,
      );
    }
    if (version < 1) {
      this.db.exec(`
        CREATE TABLE IF NOT EXISTS jobs (
          job_id TEXT PRIMARY KEY, owner_id TEXT NOT NULL, status TEXT NOT NULL, shot TEXT NOT NULL,
          take INTEGER NOT NULL, seed INTEGER NOT NULL, frames INTEGER NOT NULL, out_path TEXT NOT NULL,
          checkpoint TEXT, progress TEXT, output TEXT, provenance TEXT, error TEXT,
          created_at INTEGER NOT NULL, started_at INTEGER, updated_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS jobs_created ON jobs (created_at);
        PRAGMA user_version = 1;`);
    }
    if (version < 2) {
      this.db.exec(`
        CREATE TABLE IF NOT EXISTS jobs_quarantine (
          job_id TEXT NOT NULL, row TEXT NOT NULL, reason TEXT NOT NULL, quarantined_at INTEGER NOT NULL);
        PRAGMA user_version = 2;`);
    }
  }

  save(job: JobRecord): void {
    try {
      this.write(job);
    } catch (err) {
      throw storeError(this.file, err);
    }
  }

  /** All or nothing: a request whose jobs cannot all be written leaves no half of it behind. */
  saveAll(jobs: readonly JobRecord[]): void {
    try {
      this.db.transaction(() => jobs.forEach((job) => this.write(job)))();
    } catch (err) {
      throw storeError(this.file, err);
    }
  }

  private write(job: JobRecord): void {
    const text = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
    this.upsert.run({
      job_id: job.jobId,
      owner_id: job.ownerId,
      status: job.status,
      shot: JSON.stringify(job.shot),
      take: job.take,
      seed: job.seed,
      frames: job.frames,
      out_path: job.outPath,
      checkpoint: text(job.checkpoint),
      progress: text(job.progress),
      output: text(job.output),
      provenance: text(job.provenance),
      error: text(job.error),
      created_at: job.createdAt.getTime(),
      started_at: job.startedAt?.getTime() ?? null,
      updated_at: Date.now(),
    });
  }

  /** Reads every job back; a row that does not parse is quarantined and reported, never fatal to the rest. */
  load(): JobRecord[] {
    const rows = this.db.prepare('SELECT * FROM jobs ORDER BY created_at, rowid').all();
    const jobs: JobRecord[] = [];
    this.quarantined = [];
    for (const raw of rows) {
      try {
        jobs.push(this.parseRow(raw));
      } catch (err) {
        const jobId = String((raw as { job_id?: unknown }).job_id);
        const reason = err instanceof z.ZodError ? z.prettifyError(err) : (err as Error).message;
        this.quarantine(jobId, raw, reason);
      }
    }
    return jobs;
  }

  private quarantine(jobId: string, raw: unknown, reason: string): void {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO jobs_quarantine (job_id, row, reason, quarantined_at) VALUES (?, ?, ?, ?)')
        .run(jobId, JSON.stringify(raw), reason, Date.now());
      this.db.prepare('DELETE FROM jobs WHERE job_id = ?').run(jobId);
    })();
    this.quarantined.push({ jobId, reason });
  }

  private parseRow(raw: unknown): JobRecord {
    const row = RowSchema.parse(raw);
    const job: JobRecord = {
      jobId: row.job_id,
      ownerId: row.owner_id,
      status: row.status,
      shot: ShotRequestSchema.parse(JSON.parse(row.shot)),
      take: row.take,
      seed: row.seed,
      frames: row.frames,
      outPath: row.out_path,
      createdAt: new Date(row.created_at),
    };
    const checkpoint = json(z.record(z.string(), z.unknown()), row.checkpoint);
    const progress = json(JobProgressSchema, row.progress);
    const output = json(JobOutputSchema, row.output);
    const provenance = json(ProvenanceSchema, row.provenance);
    const error = json(WireErrorSchema, row.error);
    if (checkpoint) job.checkpoint = checkpoint;
    if (progress) job.progress = progress;
    if (output) job.output = output;
    if (provenance) job.provenance = provenance;
    if (error) job.error = error;
    if (row.started_at !== null) job.startedAt = new Date(row.started_at);
    return job;
  }

  prune(keep: number): number {
    const result = this.db
      .prepare(
        `DELETE FROM jobs WHERE status IN ('done', 'failed', 'cancelled') AND job_id NOT IN (
           SELECT job_id FROM jobs WHERE status IN ('done', 'failed', 'cancelled') ORDER BY created_at DESC LIMIT ?)`,
      )
      .run(keep);
    return result.changes;
  }

  close(): void {
    this.db.close();
  }
}
