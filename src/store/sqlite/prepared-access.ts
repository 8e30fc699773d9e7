import type { SqliteStatement } from 'kysely';
import type { AccessReader } from '../kysely/access-query.js';
import type { SqliteDatabase } from './sqlite-database.js';

/**
 * `authorize`'s query as a better-sqlite3 statement prepared once per
 * database, run at once, without Kysely's per-query work.
 *
 * Only while the connection holds no transaction: the statement is
 * synchronous, so nothing else can run on the connection meanwhile, and it
 * reads committed data, as a statement queued behind Kysely's connection
 * lock would. Inside another call's transaction it would read that
 * transaction's uncommitted writes, so the query takes the queued path then.
 * So it does when the statement fails (a busy file, tables not yet
 * migrated): that path waits out locks and reports errors.
 */
export function preparedAccessReader(database: () => SqliteDatabase | undefined): AccessReader {
  let prepared: { on: SqliteDatabase; statements: Map<string, SqliteStatement> } | undefined;
  return (query, parameters) => {
    const on = database();
    if (on === undefined || on.inTransaction) return undefined;
    try {
      if (prepared?.on !== on) prepared = { on, statements: new Map() };
      let statement = prepared.statements.get(query.sql);
      if (statement === undefined) {
        statement = on.prepare(query.sql);
        prepared.statements.set(query.sql, statement);
      }
      return Promise.resolve(statement.all(parameters));
    } catch {
      return undefined;
    }
  };
}
