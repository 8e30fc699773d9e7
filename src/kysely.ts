import { createKyselyStore, type KyselyStoreOptions } from './store/kysely/kysely-store.js';
import type { Store } from './store/store.js';

export type { KyselyStoreOptions } from './store/kysely/kysely-store.js';
export type { SqlDialect } from './store/kysely/sql-dialect.js';

/**
 * A store on the host's own `Kysely` instance (SQLite or Postgres, e.g.
 * PGlite). `close()` leaves the instance alone: it is the host's.
 */
export function kyselyStore(options: KyselyStoreOptions): Store {
  return createKyselyStore(options);
}
