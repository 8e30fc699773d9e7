import type { Store } from './store/store.js';
import { createKyselyStore, type KyselyStoreOptions } from './stores/kysely/kysely-store.js';

export type { KyselyStoreOptions } from './stores/kysely/kysely-store.js';
export type { SqlDialect } from './stores/kysely/sql-dialect.js';

/**
 * A store on the host's own `Kysely` instance (SQLite or Postgres, e.g.
 * PGlite). `close()` leaves the instance alone: it is the host's.
 */
export function kyselyStore(options: KyselyStoreOptions): Store {
  return createKyselyStore(options);
}
