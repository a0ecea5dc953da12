import pg from 'pg';
import Cursor from 'pg-cursor';
import type { RunResult, SqlDriver, SqlExecutor } from '../driver.js';
import { applyMigrations } from '../migrate.js';

// BIGINT columns hold epoch milliseconds, ids and counters: all well inside 2^53.
const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === 20) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/** `?` placeholders become `$1..$n`; the SQL the repositories write has no `?` inside literals. */
function toPg(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function executor(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    async all<T>(sql: string, params: readonly unknown[] = []) {
      return (await client.query(toPg(sql), params as unknown[])).rows as T[];
    },
    async get<T>(sql: string, params: readonly unknown[] = []) {
      return (await client.query(toPg(sql), params as unknown[])).rows[0] as T | undefined;
    },
    async run(sql: string, params: readonly unknown[] = []) {
      return { changes: (await client.query(toPg(sql), params as unknown[])).rowCount ?? 0 };
    },
  };
}

export class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly direct: SqlExecutor;

  /** `schema` isolates a deployment (or a test run) inside one database; see `openPostgres`. */
  constructor(url: string, schema?: string) {
    this.pool = new pg.Pool({
      connectionString: url,
      types,
      max: 8,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    this.direct = executor(this.pool);
  }

  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return this.direct.all<T>(sql, params);
  }
  get<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined> {
    return this.direct.get<T>(sql, params);
  }
  run(sql: string, params?: readonly unknown[]): Promise<RunResult> {
    return this.direct.run(sql, params);
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(executor(client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async *stream(sql: string, params: readonly unknown[], batchSize: number): AsyncIterable<unknown[][]> {
    const client = await this.pool.connect();
    try {
      const cursor = client.query(new Cursor(toPg(sql), params as unknown[], { rowMode: 'array', types }));
      try {
        for (;;) {
          const rows = (await cursor.read(batchSize)) as unknown[][];
          if (rows.length === 0) break;
          yield rows;
        }
      } finally {
        await cursor.close();
      }
    } finally {
      client.release();
    }
  }

  async migrate(): Promise<number[]> {
    return applyMigrations(this);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Opens the PostgreSQL engine, creating `schema` first when one is asked for. */
export async function openPostgres(url: string, schema?: string): Promise<PostgresDriver> {
  if (schema !== undefined) {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name: ${schema}`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await client.end();
    }
  }
  return new PostgresDriver(url, schema);
}
