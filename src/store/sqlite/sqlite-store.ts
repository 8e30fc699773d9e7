import { Kysely, type SqliteDatabase as KyselySqliteDatabase, SqliteDialect } from 'kysely';
import { createKyselyStore } from '../kysely/kysely-store.js';
import type { Store } from '../store.js';

/**
 * The part of a better-sqlite3 `Database` orgkit uses. Declared here rather
 * than imported, so that loading `orgkit/sqlite` needs no driver types and a
 * Postgres-only host never loads better-sqlite3.
 */
export interface SqliteDatabase extends KyselySqliteDatabase {
  pragma(source: string): unknown;
}

export interface SqliteStoreOptions {
  /**
   * A better-sqlite3 `Database`, which stays the host's (`close()` leaves it
   * open; orgkit only turns on `foreign_keys`, which its cascades need), or a
   * file path (or `:memory:`), which orgkit opens with WAL journaling, a busy
   * timeout and foreign keys on, and closes in `close()`.
   */
  readonly database: SqliteDatabase | string;
  /** How long a connection waits for another process's write lock. Default 5000 ms; for a path only. */
  readonly busyTimeoutMs?: number;
}

/**
 * A store on SQLite through better-sqlite3: a file path orgkit opens (and
 * closes in `close()`), or the host's own `Database`.
 *
 * ```ts
 * import { sqliteStore } from 'orgkit/sqlite';
 * const orgkit = createOrgkit({ store: sqliteStore({ database: 'orgkit.sqlite' }), mailer, acceptUrl });
 * await orgkit.migrate();
 * ```
 */
export function sqliteStore(options: SqliteStoreOptions): Store {
  const { database } = options;
  if (typeof database === 'string') {
    const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
    const db = new Kysely<unknown>({
      dialect: new SqliteDialect({ database: () => openDatabase(database, busyTimeoutMs) }),
    });
    return createKyselyStore({ db, dialect: 'sqlite', onClose: () => db.destroy() });
  }
  database.pragma('foreign_keys = ON');
  // Kysely closes its database on destroy; this one is the host's to close.
  const borrowed: KyselySqliteDatabase = { prepare: (source) => database.prepare(source), close: () => undefined };
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: borrowed }) });
  return createKyselyStore({ db, dialect: 'sqlite', onClose: () => db.destroy() });
}

async function openDatabase(path: string, busyTimeoutMs: number): Promise<KyselySqliteDatabase> {
  const { default: Database } = await import('better-sqlite3').catch((error: unknown) => {
    throw new Error('orgkit/sqlite opens files with better-sqlite3; install it: npm i better-sqlite3', {
      cause: error,
    });
  });
  const database = new Database(path);
  try {
    // The timeout first: switching to WAL itself needs a lock another process may hold.
    database.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
    database.pragma('journal_mode = WAL');
    database.pragma('foreign_keys = ON');
  } catch (error) {
    database.close();
    throw error;
  }
  return database;
}
