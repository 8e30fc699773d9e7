import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { initialSchema, outboxClaimSchema } from './schema-definition.js';
import { searchIndexSchema } from './search-index.js';
import type { SqlDialect } from './sql-dialect.js';

/**
 * The DDL the migrations run, compiled without a database, for hosts that
 * apply schema changes with their own tool. Same definition, same text.
 */
export function schemaDdl(dialect: SqlDialect, schema?: string): string[] {
  const db = compilerOnly(dialect);
  const statements = [
    ...initialSchema(db, dialect, schema),
    ...searchIndexSchema(db, dialect, { ...(schema === undefined ? {} : { schema }), createExtension: true }),
    ...outboxClaimSchema(db, dialect, schema),
  ].map((statement) => statement.compile().sql);
  if (dialect === 'postgres' && schema !== undefined && schema !== 'public') {
    statements.unshift(db.schema.createSchema(schema).ifNotExists().compile().sql);
  }
  return statements;
}

function compilerOnly(dialect: SqlDialect): Kysely<unknown> {
  const postgres = dialect === 'postgres';
  return new Kysely({
    dialect: {
      createAdapter: () => (postgres ? new PostgresAdapter() : new SqliteAdapter()),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => (postgres ? new PostgresIntrospector(db) : new SqliteIntrospector(db)),
      createQueryCompiler: () => (postgres ? new PostgresQueryCompiler() : new SqliteQueryCompiler()),
    },
  });
}
