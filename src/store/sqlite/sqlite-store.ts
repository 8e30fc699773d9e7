import { OrgkitError } from '../../errors.js';
import { createKyselyStore } from '../kysely/kysely-store.js';
import type { Store } from '../store.js';
import { DEFAULT_BUSY_TIMEOUT_MS, withBusyBudget } from './busy-wait.js';
import { preparedAccessReader } from './prepared-access.js';
import { shareConnection } from './shared-connections.js';
import type { SqliteDatabase } from './sqlite-database.js';

export type { SqliteDatabase } from './sqlite-database.js';

/** See {@link sqliteStore} for how stores on one database share its connection. */
export interface SqliteStoreOptions {
  /**
   * A better-sqlite3 `Database`, which stays the host's (`close()` leaves it
   * open; orgkit only turns on `foreign_keys`, which its cascades need), or a
   * file path (or `:memory:`), which orgkit opens with WAL journaling and
   * foreign keys on, and closes when the last store on it closes.
   */
  readonly database: SqliteDatabase | string;
  /**
   * How long each statement of this store waits for a lock another
   * connection holds (another process, say) before the call fails with
   * `STORE_FAILURE`, whose `cause` is the driver's SQLITE_BUSY error.
   * Default 5000 ms.
   *
   * The wait does not block the event loop: SQLite itself waits about 10 ms
   * at a time, and orgkit tries again after an asynchronous pause. A wait
   * that used up the budget is not started over by a retry of the
   * transaction. On a host's `Database`, its own `timeout` is the
   * synchronous part of each try (better-sqlite3's default is 5000 ms, which
   * blocks the process that long): open it with a short one, such as
   * `new Database(file, { timeout: 10 })`.
   *
   * Each store keeps its own value, also when it shares a connection.
   */
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
 *
 * Stores on one database in one process share one connection, on which
 * their calls take turns: those on one file path (compared after resolving
 * it and its symbolic links), and those on one host `Database`. Apart, they
 * would lock each other out. Each `close()` gives back its own store's
 * share, and the last one closes what orgkit opened; a closed store refuses
 * further calls. `:memory:` and the empty path are never shared: each opens
 * a database of its own. Inside `transaction(fn)`, use `fn`'s `tx`: a call
 * to any store sharing the connection is refused, since it would wait for
 * the transaction forever.
 */
export function sqliteStore(options: SqliteStoreOptions): Store {
  const budgetMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  if (!(budgetMs >= 0)) {
    throw new TypeError(`orgkit: busyTimeoutMs must be 0 or more milliseconds, not ${budgetMs}.`);
  }
  const share = shareConnection(options.database);
  const store = createKyselyStore({
    db: share.db,
    dialect: 'sqlite',
    readAccess: preparedAccessReader(() => share.database()),
  });
  let closed = false;
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(store)) {
    wrapped[name] = (...args: unknown[]) => {
      // Whether the connection is open says nothing: another store may hold it.
      if (closed) return Promise.reject(closedStore());
      return withBusyBudget(budgetMs, () => (method as (...args: unknown[]) => Promise<unknown>)(...args));
    };
  }
  wrapped.close = async () => {
    closed = true;
    await share.release();
  };
  return wrapped as unknown as Store;
}

function closedStore(): OrgkitError {
  return new OrgkitError({ code: 'STORE_FAILURE', message: 'The SQLite store is closed.' });
}
