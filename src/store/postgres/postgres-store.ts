import { Kysely, type PostgresPool as KyselyPostgresPool, PostgresDialect } from 'kysely';
import { createKyselyStore } from '../kysely/kysely-store.js';
import type { Store } from '../store.js';
import { namedAccessReader } from './named-access.js';

/**
 * A node-postgres `Pool`, typed by the part orgkit uses, so that loading
 * `orgkit/postgres` needs no driver types and never loads better-sqlite3.
 */
export type PostgresPool = KyselyPostgresPool;

export type PostgresStoreOptions = (
  | {
      /** The host's pool; `close()` leaves it open. */
      readonly pool: PostgresPool;
    }
  | {
      /** orgkit opens a pool of its own (loading `pg` then) and ends it in `close()`. */
      readonly connectionString: string;
      /** Connections in that pool. Default 10, node-postgres's default. */
      readonly maxConnections?: number;
    }
) & {
  /** The schema for orgkit's tables, created by `migrate()` when missing. Default `public`. */
  readonly schema?: string;
};

/**
 * A store on Postgres through node-postgres: a pool orgkit opens from a
 * connection string (and ends in `close()`), or the host's own `Pool`.
 *
 * ```ts
 * import { postgresStore } from 'orgkit/postgres';
 * const store = postgresStore({ connectionString: process.env.DATABASE_URL!, schema: 'orgkit' });
 * // or, sharing the host's pool: postgresStore({ pool })
 * const orgkit = createOrgkit({ store, mailer, acceptUrl });
 * await orgkit.migrate();
 * ```
 */
export function postgresStore(options: PostgresStoreOptions): Store {
  if ('pool' in options) {
    const pool = listeningForErrors(options.pool);
    // Never destroyed: Kysely would end the host's pool.
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
    const readAccess = namedAccessReader(async () => pool);
    return createKyselyStore({ db, dialect: 'postgres', schema: options.schema, readAccess });
  }
  const { connectionString, maxConnections } = options;
  let opening: Promise<KyselyPostgresPool> | undefined;
  const pool = () => {
    opening ??= openPool(connectionString, maxConnections).then(listeningForErrors);
    return opening;
  };
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  const readAccess = namedAccessReader(pool);
  return createKyselyStore({
    db,
    dialect: 'postgres',
    schema: options.schema,
    readAccess,
    onClose: () => db.destroy(),
  });
}

async function openPool(connectionString: string, max: number | undefined): Promise<KyselyPostgresPool> {
  const { default: pg } = await import('pg').catch((error: unknown) => {
    throw new Error('orgkit/postgres connects with node-postgres; install it: npm i pg', { cause: error });
  });
  const pool = new pg.Pool({ connectionString, ...(max === undefined ? {} : { max }) });
  // An idle connection the server drops would otherwise crash the host with
  // an unhandled 'error'; the pool discards it and the next checkout reconnects.
  pool.on('error', () => undefined);
  return pool;
}

interface ErrorEmitter {
  on(event: 'error', listener: (error: unknown) => void): unknown;
}

/**
 * A connection the server drops while orgkit holds it between statements (a
 * transaction waiting on the host's code) makes node-postgres emit 'error' on
 * the client, which crashes the process when nobody listens. orgkit's call
 * fails on its next statement anyway, and the pool discards the client on
 * release, so each client orgkit checks out gets a listener, once.
 */
function listeningForErrors(pool: KyselyPostgresPool): KyselyPostgresPool {
  const listening = new WeakSet<object>();
  return {
    async connect() {
      const client = await pool.connect();
      if (!listening.has(client) && typeof (client as Partial<ErrorEmitter>).on === 'function') {
        listening.add(client);
        (client as unknown as ErrorEmitter).on('error', () => undefined);
      }
      return client;
    },
    end: () => pool.end(),
  };
}
