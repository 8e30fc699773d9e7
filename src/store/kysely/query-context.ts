import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Keyset } from '../records.js';
import type { AccessQueries, AccessReader } from './access-query.js';
import type { OrgkitDatabase, Timestamp } from './schema-types.js';
import { encodeDate, type SqlDialect } from './sql-dialect.js';

/**
 * Whether a store has seen its SQLite search index, kept per store. Only
 * `true` is kept: no migration drops the index, but one may build it later.
 */
export interface SearchIndexSeen {
  present: boolean;
}

/** What every query module gets: where to run, in which dialect. */
export interface QueryContext {
  /** The store's `Kysely`, or the connection of the enclosing transaction. */
  readonly db: Kysely<OrgkitDatabase>;
  readonly dialect: SqlDialect;
  /**
   * Runs a write of several statements, or one that may break a unique rule,
   * all-or-nothing: in a transaction under a savepoint (so a caught `CONFLICT`
   * leaves the transaction usable), outside one in its own transaction.
   */
  atomic<T>(work: (db: Kysely<OrgkitDatabase>) => Promise<T>): Promise<T>;
  /** Whether the store has seen its search index (SQLite); one object for the store and its transactions. */
  readonly searchIndex: SearchIndexSeen;
  /** The access queries, compiled once for the store. */
  readonly accessQueries?: AccessQueries;
  /** Outside a transaction only: the driver's prepared way to run an access query. */
  readonly readAccess?: AccessReader;
  /**
   * Outside a transaction on Postgres: runs `work` in a transaction whose
   * commit does not wait for the disk, for bookkeeping a crash may lose
   * without harm. Absent elsewhere.
   */
  lazyCommit?<T>(work: (db: Kysely<OrgkitDatabase>) => Promise<T>): Promise<T>;
}

/** Shorthand for the dialect's encoding of an instant. */
export function at(context: QueryContext, date: Date): Timestamp {
  return encodeDate(context.dialect, date);
}

/**
 * Keyset of a newest-first list on `(created_at, id)`: the rows strictly
 * older than `after`. A row comparison, so the index on those columns serves it.
 */
export function olderThan(context: QueryContext, after: Keyset): RawBuilder<boolean> {
  return sql<boolean>`(created_at, id) < (${at(context, after.createdAt)}, ${after.id})`;
}
