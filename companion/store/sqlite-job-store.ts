// JobStore on SQLite (better-sqlite3, WAL): one row per job, JSON columns checked with zod on the way out.
import Database from 'better-sqlite3';
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
import type { JobStore } from './job-store';

const SCHEMA_VERSION = 1;

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
  private readonly db: Database.Database;
  private readonly upsert: Database.Statement;

  constructor(file: string) {
    this.db = new Database(file);
    // WAL + NORMAL survives a killed process (not a power cut) without an fsync per progress tick.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.migrate();
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
  }

  save(job: JobRecord): void {
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

  load(): JobRecord[] {
    const rows = this.db.prepare('SELECT * FROM jobs ORDER BY created_at, rowid').all();
    return rows.map((raw) => {
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
    });
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
