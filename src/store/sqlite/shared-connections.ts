/**
 * One Kysely instance per SQLite database in this process, shared by every
 * `sqliteStore` on it and released by their `close()`, the last one closing it.
 *
 * Why a registry: two stores on one file, each with a connection of its own,
 * lock each other out. One holds the write lock across an `await`; the other
 * waits for it, and the holder cannot go on until the waiter gives up. On one
 * connection, Kysely's mutex makes the second simply wait its turn. Two stores
 * on one host `Database` need one Kysely too, or their `BEGIN`s would
 * interleave on its one connection. The `sqliteStore` calls are independent
 * (say, two modules of one app), so only a registry lets them find each other.
 * It holds an entry only while some store has a share; it caches nothing.
 */
import { realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Kysely, type SqliteDatabase as KyselySqliteDatabase, SqliteDialect } from 'kysely';
import { retryingBusy, SYNC_WAIT_MS, waitingOutLocks } from './busy-wait.js';
import type { SqliteDatabase } from './sqlite-database.js';
import { cachingStatements } from './statement-cache.js';

export interface Share {
  readonly db: Kysely<unknown>;
  /** The better-sqlite3 `Database` under `db`, once opened. */
  database(): SqliteDatabase | undefined;
  /** Gives this share back, once however often called; the last closes the database. */
  release(): Promise<void>;
}

interface Entry {
  readonly db: Kysely<unknown>;
  readonly database: () => SqliteDatabase | undefined;
  shares: number;
}

/** A Kysely instance on one database, and that database once opened. */
interface Connection {
  readonly db: Kysely<unknown>;
  readonly database: () => SqliteDatabase | undefined;
}

/** What a `Map` by path and a `WeakMap` by `Database` have in common. */
interface Registry<K> {
  get(key: K): Entry | undefined;
  set(key: K, entry: Entry): unknown;
  delete(key: K): unknown;
}

const byFile: Registry<string> = new Map();
const byDatabase: Registry<SqliteDatabase> = new WeakMap();

/** A share of the Kysely instance on `database`, a file path or a host's `Database`. */
export function shareConnection(database: SqliteDatabase | string): Share {
  if (typeof database !== 'string') return take(byDatabase, database, () => onHostDatabase(database));
  const key = fileKey(database);
  const open = () => onFile(database);
  return key === undefined ? take(undefined, database, open) : take(byFile, key, open);
}

function take<K>(registry: Registry<K> | undefined, key: K, create: () => Connection): Share {
  let entry = registry?.get(key);
  if (entry === undefined) {
    entry = { ...create(), shares: 0 };
    registry?.set(key, entry);
  }
  const taken = entry;
  taken.shares += 1;
  let released = false;
  return {
    db: taken.db,
    database: taken.database,
    async release() {
      if (released) return;
      released = true;
      taken.shares -= 1;
      if (taken.shares > 0) return;
      // Removed before the await, so that a store opened meanwhile starts afresh.
      if (registry?.get(key) === taken) registry.delete(key);
      await taken.db.destroy();
    },
  };
}

/**
 * What identifies the file `path` names: two spellings of one file (relative,
 * through a symbolic link) give one key. None for `:memory:` and the empty
 * path, each of which opens a new private database.
 */
function fileKey(path: string): string | undefined {
  if (path === '' || path === ':memory:') return undefined;
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    // Not created yet: its directory may still be reached through a link.
  }
  try {
    return join(realpathSync(dirname(absolute)), basename(absolute));
  } catch {
    return absolute;
  }
}

function onHostDatabase(database: SqliteDatabase): Connection {
  database.pragma('foreign_keys = ON');
  // Kysely closes its database on destroy; this one is the host's to close.
  const borrowed = cachingStatements({ prepare: (source) => database.prepare(source), close: () => undefined });
  const db = onConnection(
    async () => borrowed,
    () => database.inTransaction,
  );
  return { db, database: () => database };
}

function onFile(path: string): Connection {
  let database: SqliteDatabase | undefined;
  const db = onConnection(
    async () => {
      database = await openFile(path);
      return cachingStatements(database);
    },
    () => database?.inTransaction ?? false,
  );
  return { db, database: () => database };
}

function onConnection(open: () => Promise<KyselySqliteDatabase>, inTransaction: () => boolean): Kysely<unknown> {
  return new Kysely<unknown>({
    dialect: new SqliteDialect({
      database: open,
      onCreateConnection: async (connection) => waitingOutLocks(connection, inTransaction),
    }),
  });
}

async function openFile(path: string): Promise<SqliteDatabase> {
  const { default: Database } = await import('better-sqlite3').catch((error: unknown) => {
    throw new Error('orgkit/sqlite opens files with better-sqlite3; install it: npm i better-sqlite3', {
      cause: error,
    });
  });
  const database = new Database(path, { timeout: SYNC_WAIT_MS });
  try {
    // Switching to WAL takes a lock another process may hold.
    await retryingBusy(
      async () => database.pragma('journal_mode = WAL'),
      () => true,
    );
    database.pragma('foreign_keys = ON');
  } catch (error) {
    database.close();
    throw error;
  }
  return database;
}
