import { createKyselyStore, type KyselyStoreOptions } from './store/kysely/kysely-store.js';
import type { Store } from './store/store.js';

export type { KyselyStoreOptions } from './store/kysely/kysely-store.js';
export type { SqlDialect } from './store/kysely/sql-dialect.js';

/**
 * A store on the host's own `Kysely` instance (SQLite or Postgres, e.g.
 * PGlite). `close()` leaves the instance alone: it is the host's.
 *
 * ```ts
 * import { kyselyStore } from 'orgkit/kysely';
 * const store = kyselyStore({ db, dialect: 'postgres', schema: 'orgkit' }); // db: the host's Kysely
 * const orgkit = createOrgkit({ store, mailer, acceptUrl });
 * await orgkit.migrate();
 * ```
 */
export function kyselyStore(options: KyselyStoreOptions): Store {
  return createKyselyStore(options);
}
