/**
 * Every store the suites run on. Each test file loops over `STORES`
 * (Kysely-style), and `ORGKIT_TEST_STORES=memory,sqlite-memory` narrows the run.
 * `postgres` joins when `ORGKIT_TEST_POSTGRES_URL` names a server; each of its
 * stores lives in a schema of its own, dropped afterwards, so runs never meet.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { kyselyStore } from '../../src/kysely.js';
import { postgresStore } from '../../src/postgres.js';
import { sqliteStore } from '../../src/sqlite.js';
import { memoryStore } from '../../src/store/memory/memory-store.js';
import type { Store } from '../../src/store/store.js';

export interface StoreFactory {
  name: string;
  /** A fresh, migrated, empty store. */
  create(): Promise<Store>;
  /** Closes the store and drops whatever `create` made for it. */
  destroy(store: Store): Promise<void>;
}

export const POSTGRES_URL = process.env.ORGKIT_TEST_POSTGRES_URL;

/** A schema name no other run uses. */
export function freshSchemaName(): string {
  return `orgkit_test_${randomBytes(6).toString('hex')}`;
}

/** How each store made by a factory is undone. */
const cleanups = new WeakMap<Store, () => Promise<void>>();

function tracked(store: Store, cleanup: () => Promise<void>): Store {
  cleanups.set(store, cleanup);
  return store;
}

async function destroyTracked(store: Store): Promise<void> {
  try {
    await store.close();
  } finally {
    await cleanups.get(store)?.();
  }
}

/** Migrates a tracked store; when that fails, undoes what `create` made before rethrowing. */
async function migrated(store: Store): Promise<void> {
  try {
    await store.migrate();
  } catch (error) {
    await destroyTracked(store).catch(() => undefined);
    throw error;
  }
}

/**
 * One PGlite per test file: starting one takes seconds; a schema per store keeps them apart.
 * With `pg_trgm` loaded, so member search runs on its index as on a server.
 */
let pglite: Kysely<unknown> | undefined;
export function sharedPglite(): Kysely<unknown> {
  pglite ??= new Kysely({ dialect: new PGliteDialect(new PGlite({ extensions: { pg_trgm } })) });
  return pglite;
}

/** Drops a schema through a connection of its own, after the store's pool is gone. */
export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

const ALL: StoreFactory[] = [
  {
    name: 'memory',
    create: async () => memoryStore(),
    destroy: (store) => store.close(),
  },
  {
    name: 'sqlite-memory',
    async create() {
      const store = sqliteStore({ database: ':memory:' });
      await store.migrate();
      return store;
    },
    destroy: (store) => store.close(),
  },
  {
    name: 'sqlite-file',
    async create() {
      const directory = mkdtempSync(join(tmpdir(), 'orgkit-'));
      const store = tracked(sqliteStore({ database: join(directory, 'orgkit.sqlite') }), async () =>
        rmSync(directory, { recursive: true, force: true }),
      );
      await migrated(store);
      return store;
    },
    destroy: destroyTracked,
  },
  {
    name: 'pglite',
    async create() {
      const db = sharedPglite();
      const schema = freshSchemaName();
      const store = tracked(kyselyStore({ db, dialect: 'postgres', schema }), async () => {
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db);
      });
      await migrated(store);
      return store;
    },
    destroy: destroyTracked,
  },
];

if (POSTGRES_URL !== undefined && POSTGRES_URL !== '') {
  const url = POSTGRES_URL;
  ALL.push({
    name: 'postgres',
    async create() {
      const schema = freshSchemaName();
      const store = tracked(postgresStore({ connectionString: url, schema, maxConnections: 4 }), () =>
        dropPostgresSchema(url, schema),
      );
      await migrated(store);
      return store;
    },
    destroy: destroyTracked,
  });
}

const only = process.env.ORGKIT_TEST_STORES?.split(',').map((name) => name.trim());

export const STORES: StoreFactory[] = only ? ALL.filter((factory) => only.includes(factory.name)) : ALL;
