import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Store } from './index.js';

export interface TestEngine {
  name: 'sqlite' | 'postgres';
  /** A fresh, migrated, empty store; PostgreSQL ones live in their own schema, dropped by `cleanup`. */
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

/** SQLite always; PostgreSQL too when DATABASE_URL is set (CI sets it), so one suite runs on both. */
export function testEngines(): TestEngine[] {
  const engines: TestEngine[] = [
    { name: 'sqlite', open: () => openStore({ sqliteFile: ':memory:' }), cleanup: async () => undefined },
  ];
  const url = process.env.DATABASE_URL;
  if (url) {
    const schemas: string[] = [];
    engines.push({
      name: 'postgres',
      async open() {
        const schema = `t_${randomBytes(6).toString('hex')}`;
        schemas.push(schema);
        return openStore({ databaseUrl: url, pgSchema: schema });
      },
      async cleanup() {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          for (const s of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
        } finally {
          await client.end();
        }
      },
    });
  }
  return engines;
}
