/** Rows changed; on SQLite also the rowid of the last row inserted (PostgreSQL says it with RETURNING). */
export interface RunResult {
  changes: number;
  lastRowId?: number;
}

/** What repositories need from a SQL engine. SQL is written once with `?` placeholders. */
export interface SqlExecutor {
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  run(sql: string, params?: readonly unknown[]): Promise<RunResult>;
}

export type Dialect = 'sqlite' | 'postgres';

export interface SqlDriver extends SqlExecutor {
  readonly dialect: Dialect;
  /** Runs `fn` in one transaction: everything or nothing is written. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Streams a large result as batches of positional rows without holding it all in memory. */
  stream(sql: string, params: readonly unknown[], batchSize: number): AsyncIterable<unknown[][]>;
  /** Applies the pending versioned migrations; returns the versions applied. */
  migrate(): Promise<number[]>;
  close(): Promise<void>;
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
}
