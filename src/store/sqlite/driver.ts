import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { RunResult, SqlDriver, SqlExecutor } from '../driver.js';
import { applyMigrations } from '../migrate.js';

/**
 * better-sqlite3 is synchronous; the async surface matches the PostgreSQL engine. A transaction is
 * held across awaits, so statements from outside it wait on `lock` instead of slipping into it.
 */
export class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private lock: Promise<void> = Promise.resolve();
  private inTransaction = false;

  constructor(file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    if (file !== ':memory:') {
      this.db.pragma('wal_autocheckpoint = 0');
      this.db.pragma(`journal_size_limit = ${WAL_LIMIT}`);
    }
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 10000');
    if (file !== ':memory:') this.checkpointer = startCheckpointer(file);
  }

  private readonly checkpointer: Worker | null = null;

  private prepare(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private readonly direct: SqlExecutor = {
    all: async <T>(sql: string, params: readonly unknown[] = []) => this.prepare(sql).all(...params) as T[],
    get: async <T>(sql: string, params: readonly unknown[] = []) => this.prepare(sql).get(...params) as T | undefined,
    run: async (sql: string, params: readonly unknown[] = []) => {
      const r = this.prepare(sql).run(...params);
      return { changes: r.changes, lastRowId: Number(r.lastInsertRowid) };
    },
  };

  private async outside<T>(fn: () => Promise<T>): Promise<T> {
    while (this.inTransaction) await this.lock;
    return fn();
  }

  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return this.outside(() => this.direct.all<T>(sql, params));
  }
  get<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined> {
    return this.outside(() => this.direct.get<T>(sql, params));
  }
  run(sql: string, params?: readonly unknown[]): Promise<RunResult> {
    return this.outside(() => this.direct.run(sql, params));
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    while (this.inTransaction) await this.lock;
    let release!: () => void;
    this.lock = new Promise((resolve) => (release = resolve));
    this.inTransaction = true;
    try {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.direct);
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    } finally {
      this.inTransaction = false;
      release();
    }
  }

  async *stream(sql: string, params: readonly unknown[], batchSize: number): AsyncIterable<unknown[][]> {
    // A dedicated statement: iterate() keeps it busy until the loop ends.
    const stmt = this.db.prepare(sql).raw(true);
    let batch: unknown[][] = [];
    for (const row of stmt.iterate(...params) as IterableIterator<unknown[]>) {
      batch.push(row);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  async migrate(): Promise<number[]> {
    return applyMigrations(this);
  }

  async close(): Promise<void> {
    await this.checkpointer?.terminate();
    this.db.close();
  }
}

const CHECKPOINT_MS = 1000;
/** Past this size the write-ahead log is restarted (and, by journal_size_limit, cut back to it). */
const WAL_LIMIT = 512 * 1024 * 1024;

/**
 * WAL checkpoints on a second connection in a worker thread, every CHECKPOINT_MS, instead of inside a commit:
 * an automatic checkpoint (and its fsync) in the middle of a screening batch stalled it for tens of
 * milliseconds. PASSIVE never blocks the writer; what it cannot copy yet it copies next time.
 */
function startCheckpointer(file: string): Worker {
  const source = `
    const { workerData } = require('node:worker_threads');
    const Database = require(workerData.module);
    const db = new Database(workerData.file);
    db.pragma('busy_timeout = 1000');
    const fs = require('node:fs');
    const wal = workerData.file + '-wal';
    setInterval(() => {
      try {
        db.pragma('wal_checkpoint(PASSIVE)');
        // Under writes back to back a passive checkpoint never finds the log free to start over, and the log
        // grows without end; past the limit, wait for the writer between two transactions and restart it.
        if (fs.statSync(wal).size > workerData.walLimit) db.pragma('wal_checkpoint(RESTART)');
      } catch {}
    }, workerData.everyMs);`;
  const worker = new Worker(source, { eval: true, workerData: { file, module: createRequire(import.meta.url).resolve('better-sqlite3'), everyMs: CHECKPOINT_MS, walLimit: WAL_LIMIT } });
  worker.unref();
  return worker;
}
