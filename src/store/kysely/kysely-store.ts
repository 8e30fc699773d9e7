import { AsyncLocalStorage } from 'node:async_hooks';
import { type Kysely, sql } from 'kysely';
import type { Store, StoreTx } from '../store.js';
import { type AccessReader, compileAccessQueries } from './access-query.js';
import { auditMailQueries } from './audit-and-mail.js';
import { mappingErrors, toOrgkitError } from './driver-errors.js';
import { invitationQueries } from './invitations.js';
import { memberQueries } from './members.js';
import { runMigrations } from './migrations.js';
import { organizationQueries } from './organizations.js';
import { projectQueries } from './projects.js';
import type { QueryContext, SearchIndexSeen } from './query-context.js';
import type { OrgkitDatabase } from './schema-types.js';
import type { SqlDialect } from './sql-dialect.js';
import { inSavepoint, inTransaction, lazily, retryingTransient } from './transactions.js';
import { userQueries } from './users.js';

export interface KyselyStoreOptions {
  /**
   * The host's `Kysely` instance, of any database type: orgkit only uses its
   * own tables, and runs its queries without the instance's plugins. orgkit
   * never destroys it.
   *
   * On SQLite the store runs its transactions on Kysely's single connection,
   * so statements the host runs through the same instance wait for them.
   */
  // biome-ignore lint/suspicious/noExplicitAny: any host database type; `Kysely` is invariant in it.
  readonly db: Kysely<any>;
  readonly dialect: SqlDialect;
  /**
   * Postgres only: the schema that holds orgkit's tables and its migration
   * bookkeeping, created by `migrate()` when missing. Default `public`.
   */
  readonly schema?: string;
}

/** What the driver-specific entry points add: how to release what they opened, how to run `authorize`'s query prepared. */
export interface KyselyStoreConfig extends KyselyStoreOptions {
  readonly onClose?: () => Promise<void>;
  readonly readAccess?: AccessReader;
}

/** A `Store` on any Kysely instance whose dialect is SQLite or Postgres. */
export function createKyselyStore(config: KyselyStoreConfig): Store {
  const { dialect } = config;
  if (dialect === 'sqlite' && config.schema !== undefined) {
    throw new TypeError('orgkit: `schema` applies to Postgres only.');
  }
  const schema = dialect === 'postgres' ? (config.schema ?? 'public') : undefined;
  // The host's plugins (say, CamelCasePlugin) would rewrite orgkit's own names and rows.
  const root = config.db.withoutPlugins() as Kysely<unknown>;
  const db = (schema === undefined ? root : root.withSchema(schema)) as Kysely<OrgkitDatabase>;
  const sqliteReady = dialect === 'sqlite' ? sqliteForeignKeys(db) : undefined;
  // Using the store instead of `tx` inside `transaction(fn)` would wait for the
  // transaction's own connection on SQLite (a hang) and on Postgres work outside it.
  const insideTransaction = dialect === 'sqlite' ? sqliteTransactionScope(config.db) : new AsyncLocalStorage<true>();
  const ready = async () => {
    if (insideTransaction.getStore()) {
      throw new Error('orgkit: inside store.transaction(fn), use the `tx` that fn receives, not the store.');
    }
    await sqliteReady?.();
  };
  const accessQueries = compileAccessQueries(db);
  const searchIndex: SearchIndexSeen = { present: false };
  const methods = storeTx({
    db,
    dialect,
    atomic: (work) => inTransaction(db, dialect, work),
    searchIndex,
    accessQueries,
    readAccess: config.readAccess,
    ...(dialect === 'postgres' ? { lazyCommit: (work) => inTransaction(db, dialect, lazily(work)) } : {}),
  });

  return {
    ...afterReady(methods, ready),

    async transaction(fn) {
      await ready();
      return inTransaction(db, dialect, (connection) =>
        insideTransaction.run(true, () =>
          fn(
            storeTx({
              db: connection,
              dialect,
              atomic: (work) => inSavepoint(connection, work),
              searchIndex,
              accessQueries,
            }),
          ),
        ),
      );
    },

    async migrate() {
      try {
        await ready();
        await retryingTransient(() => runMigrations(root, dialect, schema));
      } catch (error) {
        throw toOrgkitError(error);
      }
    },

    async close() {
      await config.onClose?.();
    },
  };
}

/**
 * On SQLite a `Kysely` is one connection, which a transaction holds until it
 * ends: every store on the instance (`sqliteStore` shares one per file) would
 * wait for it forever from inside `fn`, so they all share one misuse check.
 */
const sqliteTransactionScopes = new WeakMap<object, AsyncLocalStorage<true>>();

function sqliteTransactionScope(db: object): AsyncLocalStorage<true> {
  let scope = sqliteTransactionScopes.get(db);
  if (scope === undefined) {
    scope = new AsyncLocalStorage<true>();
    sqliteTransactionScopes.set(db, scope);
  }
  return scope;
}

function storeTx(context: QueryContext): StoreTx {
  return mappingErrors({
    ...userQueries(context),
    ...organizationQueries(context),
    ...memberQueries(context),
    ...projectQueries(context),
    ...invitationQueries(context),
    ...auditMailQueries(context),
  });
}

/** Each method first awaits `ready`: the misuse check, and on SQLite the foreign-keys pragma. */
function afterReady(methods: StoreTx, ready: () => Promise<void>): StoreTx {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(methods)) {
    wrapped[name] = async (...args: unknown[]) => {
      await ready();
      return (method as (...args: unknown[]) => Promise<unknown>)(...args);
    };
  }
  return wrapped as unknown as StoreTx;
}

/**
 * SQLite enforces foreign keys (and so the cascades orgkit relies on) only
 * when the connection asks for it. Asked once, before the store's first
 * statement, since the pragma is ignored inside a transaction.
 */
function sqliteForeignKeys(db: Kysely<OrgkitDatabase>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => {
    done ??= sql`pragma foreign_keys = on`.execute(db).then(
      () => undefined,
      (error: unknown) => {
        done = undefined;
        throw toOrgkitError(error);
      },
    );
    return done;
  };
}
