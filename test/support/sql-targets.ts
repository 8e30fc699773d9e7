/**
 * The SQL stores, each with a second, raw handle on the same tables, for
 * tests that go around the Store (raw inserts, catalog reads, sabotage).
 * Named like their factories in stores.ts, and narrowed by the same
 * `ORGKIT_TEST_STORES` variable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { kyselyStore } from '../../src/kysely.js';
import { postgresStore } from '../../src/postgres.js';
import { sqliteStore } from '../../src/sqlite.js';
import type { SqlDialect } from '../../src/store/kysely/sql-dialect.js';
import type { Store } from '../../src/store/store.js';
import { dropPostgresSchema, freshSchemaName, POSTGRES_URL, sharedPglite } from './stores.js';

export interface SqlFixture {
  /** Migrated and empty. */
  store: Store;
  // biome-ignore lint/suspicious/noExplicitAny: raw SQL over orgkit's tables, typed per test.
  raw: Kysely<any>;
  /** Postgres: the schema holding the tables. */
  schema?: string;
  /** A file path, for SQLite on disk. */
  file?: string;
  close(): Promise<void>;
}

export interface SqlTarget {
  name: string;
  dialect: SqlDialect;
  open(): Promise<SqlFixture>;
}

const ALL: SqlTarget[] = [
  {
    name: 'sqlite-file',
    dialect: 'sqlite',
    async open() {
      const directory = mkdtempSync(join(tmpdir(), 'orgkit-'));
      const file = join(directory, 'orgkit.sqlite');
      const store = sqliteStore({ database: file });
      await store.migrate();
      const database = new Database(file);
      database.pragma('foreign_keys = ON');
      const raw = new Kysely({ dialect: new SqliteDialect({ database }) });
      return {
        store,
        raw,
        file,
        async close() {
          await store.close();
          await raw.destroy();
          rmSync(directory, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'pglite',
    dialect: 'postgres',
    async open() {
      const db = sharedPglite();
      const schema = freshSchemaName();
      const store = kyselyStore({ db, dialect: 'postgres', schema });
      await store.migrate();
      return {
        store,
        raw: db.withSchema(schema),
        schema,
        async close() {
          await store.close();
          await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db);
        },
      };
    },
  },
];

if (POSTGRES_URL !== undefined && POSTGRES_URL !== '') {
  const url = POSTGRES_URL;
  ALL.push({
    name: 'postgres',
    dialect: 'postgres',
    async open() {
      const schema = freshSchemaName();
      const store = postgresStore({ connectionString: url, schema, maxConnections: 4 });
      await store.migrate();
      const raw = new Kysely({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }),
      });
      return {
        store,
        raw: raw.withSchema(schema),
        schema,
        async close() {
          await store.close();
          await raw.destroy();
          await dropPostgresSchema(url, schema);
        },
      };
    },
  });
}

const only = process.env.ORGKIT_TEST_STORES?.split(',').map((name) => name.trim());

export const SQL_TARGETS: SqlTarget[] = only ? ALL.filter((target) => only.includes(target.name)) : ALL;

/** Whatever `promise` rejects with (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}
