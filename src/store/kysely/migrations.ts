/**
 * Migrations shipped in code and the locking that makes `migrate()` safe to
 * call from several processes at once.
 */
import {
  type DatabaseIntrospector,
  type Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  sql,
  type TableMetadata,
} from 'kysely';
import { initialSchema, outboxClaimSchema } from './schema-definition.js';
import { addSearchIndex } from './search-index.js';
import type { SqlDialect } from './sql-dialect.js';

/** orgkit's own bookkeeping tables, apart from a host's `kysely_migration`. */
export const MIGRATION_TABLE = 'orgkit_migration';
export const MIGRATION_LOCK_TABLE = 'orgkit_migration_lock';

/** Every migration by name; names sort in the order they apply. Never edit a shipped one: add the next. */
export function orgkitMigrations(dialect: SqlDialect, schema?: string): Record<string, Migration> {
  return {
    '0001_initial': {
      async up(db) {
        for (const statement of initialSchema(db, dialect, schema)) await statement.execute();
      },
    },
    '0002_member_search_index': {
      up: (db) => addSearchIndex(db, dialect, schema),
    },
    '0003_outbox_claim': {
      async up(db) {
        for (const statement of outboxClaimSchema(db, dialect, schema)) await statement.execute();
      },
    },
  };
}

export function migrationProvider(dialect: SqlDialect, schema?: string): MigrationProvider {
  return { getMigrations: async () => orgkitMigrations(dialect, schema) };
}

/**
 * Brings the schema up to date. Postgres: under a session advisory lock keyed
 * by the schema name, so concurrent callers wait and then find nothing to do
 * (Kysely's own lock is taken only after it has raced to create its tables).
 * SQLite: inside one `BEGIN IMMEDIATE` transaction, which holds the file's
 * write lock for the whole run; other connections wait for it (asynchronously, on stores orgkit opened).
 */
export async function runMigrations(db: Kysely<unknown>, dialect: SqlDialect, schema?: string): Promise<void> {
  await db.connection().execute(async (connection) => {
    if (dialect === 'postgres') {
      await migratePostgres(connection, schema ?? 'public');
    } else {
      await migrateSqlite(connection);
    }
  });
}

async function migratePostgres(connection: Kysely<unknown>, schema: string): Promise<void> {
  const lock = sql`hashtext('orgkit.migrate'), hashtext(${schema})`;
  await sql`select pg_advisory_lock(${lock})`.execute(connection);
  try {
    // Checked before creating: `create schema if not exists` still needs the
    // CREATE privilege, which a host may withhold when the schema exists.
    const found = await sql`select 1 from pg_namespace where nspname = ${schema}`.execute(connection);
    if (found.rows.length === 0) await connection.schema.createSchema(schema).ifNotExists().execute();
    await migrateToLatest(connection, 'postgres', schema);
  } finally {
    await sql`select pg_advisory_unlock(${lock})`.execute(connection);
  }
}

async function migrateSqlite(connection: Kysely<unknown>): Promise<void> {
  await sql`begin immediate`.execute(connection);
  try {
    await migrateToLatest(connection, 'sqlite');
    await sql`commit`.execute(connection);
  } catch (error) {
    await sql`rollback`.execute(connection).catch(() => undefined);
    throw error;
  }
}

async function migrateToLatest(db: Kysely<unknown>, dialect: SqlDialect, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db: schema === undefined ? db : lookingOnlyIn(db, schema),
    provider: migrationProvider(dialect, schema),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) throw error;
}

/**
 * The Migrator asks `db.introspection` whether its schema and tables exist.
 * Kysely's Postgres introspector answers by reading every column of every
 * table in the database, resolving each schema by name: slow in a large
 * database, and failing outright when another session drops a schema
 * meanwhile. This `db` answers from orgkit's own schema only.
 */
function lookingOnlyIn(db: Kysely<unknown>, schema: string): Kysely<unknown> {
  const introspection: DatabaseIntrospector = {
    async getSchemas() {
      const found = await sql<{ name: string }>`
        select nspname as name from pg_catalog.pg_namespace where nspname = ${schema}`.execute(db);
      return found.rows;
    },
    async getTables() {
      const found = await sql<{ name: string }>`
        select c.relname as name from pg_catalog.pg_class c
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${schema} and c.relkind in ('r', 'p', 'v')`.execute(db);
      return found.rows.map((row): TableMetadata => ({ name: row.name, schema, isView: false, columns: [] }));
    },
    async getMetadata() {
      return { tables: await this.getTables() };
    },
  };
  // Kysely keeps its state in private fields, so methods run on the real instance.
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspection;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
