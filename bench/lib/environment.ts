/**
 * The three stores under test, each behind its own orgkit, plus the raw
 * handles the suite needs beside them: a better-sqlite3 connection to the
 * same file and the node-postgres pool the Postgres store runs on.
 */
import Database from 'better-sqlite3';
import { createOrgkit, type Orgkit, type OrgkitMail, type Store } from 'orgkit';
import { memoryStore } from 'orgkit/memory';
import { postgresStore } from 'orgkit/postgres';
import { sqliteStore } from 'orgkit/sqlite';
import pg from 'pg';
import type { BenchConfig } from './config.js';

export type StoreName = 'memory' | 'sqlite' | 'postgres';
export const STORE_NAMES: readonly StoreName[] = ['memory', 'sqlite', 'postgres'];

export interface Actor {
  userId: string;
  organizationId: string;
}

export interface BenchStore {
  name: StoreName;
  store: Store;
  orgkit: Orgkit;
  /** The token of the last invitation mailed, as its accept link carries it. */
  lastToken(): string;
}

export interface Environment {
  stores: Record<StoreName, BenchStore>;
  /** A second connection to the SQLite store's file, for bulk seeding and query plans. */
  sqlite: Database.Database;
  /** The pool the Postgres store runs on: also the `SELECT 1` baseline's. */
  pool: pg.Pool;
  /** Better Auth's pool on the same database, its search path set to our schema. */
  authPool: pg.Pool;
  postgresSchema: string;
  close(): Promise<void>;
}

function benchStore(name: StoreName, store: Store): BenchStore {
  let token = '';
  const orgkit = createOrgkit({
    store,
    mailer: {
      send: async (mail: OrgkitMail) => {
        if (mail.kind === 'invitation') token = mail.acceptUrl;
      },
    },
    acceptUrl: (value) => value,
    confirmEmailUrl: (value) => value,
    log: () => undefined,
  });
  return { name, store, orgkit, lastToken: () => token };
}

export async function openEnvironment(config: BenchConfig): Promise<Environment> {
  const pool = new pg.Pool({ connectionString: config.postgresUrl });
  pool.on('error', () => undefined);
  // Better Auth finds its tables by the search path: the same schema, a pool of its own of the same size.
  const authPool = new pg.Pool({
    connectionString: config.postgresUrl,
    options: `-c search_path=${config.postgresSchema}`,
  });
  authPool.on('error', () => undefined);
  await pool.query(`drop schema if exists ${config.postgresSchema} cascade`);
  await pool.query(`create schema ${config.postgresSchema}`);
  const stores: Record<StoreName, BenchStore> = {
    memory: benchStore('memory', memoryStore()),
    // orgkit opens the file itself: WAL and foreign keys, as a host gets by default.
    sqlite: benchStore('sqlite', sqliteStore({ database: config.sqliteFile })),
    postgres: benchStore('postgres', postgresStore({ pool, schema: config.postgresSchema })),
  };
  for (const { orgkit } of Object.values(stores)) await orgkit.migrate();
  const sqlite = new Database(config.sqliteFile, { timeout: 10_000 });
  sqlite.pragma('journal_mode = WAL');
  return {
    stores,
    sqlite,
    pool,
    authPool,
    postgresSchema: config.postgresSchema,
    async close() {
      for (const { orgkit } of Object.values(stores)) await orgkit.close();
      sqlite.close();
      await pool.query(`drop schema if exists ${config.postgresSchema} cascade`);
      await pool.end();
      await authPool.end();
    },
  };
}
