import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';

/**
 * The part of a better-sqlite3 `Database` orgkit uses. Declared here rather
 * than imported, so that loading `orgkit/sqlite` needs no driver types and a
 * Postgres-only host never loads better-sqlite3.
 */
export interface SqliteDatabase extends KyselySqliteDatabase {
  pragma(source: string): unknown;
  /** Whether a transaction is open: a busy statement outside one did nothing, so it may run again. */
  readonly inTransaction: boolean;
}
