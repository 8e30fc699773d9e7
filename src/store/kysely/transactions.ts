/**
 * Transactions run by hand on one connection, for two reasons: SQLite must
 * start with `BEGIN IMMEDIATE` (take the write lock before the first read, so
 * a read-check-write cannot be overtaken), which Kysely's driver does not do;
 * and a failed rollback must not hide the error that caused it.
 */
import { type Kysely, sql } from 'kysely';
import { isTransient, toOrgkitError } from './driver-errors.js';
import type { SqlDialect } from './sql-dialect.js';

/** Attempts per transaction, the first included, when it fails transiently. */
export const MAX_ATTEMPTS = 5;

/**
 * Runs `work` in a transaction on one connection, again after a serialization
 * failure, deadlock or busy database, up to {@link MAX_ATTEMPTS} times. What
 * `work` throws is rethrown as is; failures to begin or commit become
 * `OrgkitError`s. On SQLite the connection is Kysely's single one, held (and
 * so every other statement through the same `Kysely` queued) until the end.
 * `sqliteStore` waits out a busy database statement by statement first
 * (sqlite/busy-wait.ts); a busy error that used up that wait is final here.
 */
export async function inTransaction<DB, T>(
  db: Kysely<DB>,
  dialect: SqlDialect,
  work: (connection: Kysely<DB>) => Promise<T>,
): Promise<T> {
  return retryingTransient(() => once(db, dialect, work));
}

/** Runs `attempt` again after a transient failure (see `isTransient`), with jittered backoff. */
export async function retryingTransient<T>(attempt: () => Promise<T>): Promise<T> {
  for (let count = 1; ; count += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (count >= MAX_ATTEMPTS || !isTransient(error)) throw error;
      await pause(count);
    }
  }
}

async function once<DB, T>(db: Kysely<DB>, dialect: SqlDialect, work: (connection: Kysely<DB>) => Promise<T>) {
  let outcome: { value: T } | { error: unknown } | undefined;
  try {
    await db.connection().execute(async (connection) => {
      await sql.raw(dialect === 'sqlite' ? 'begin immediate' : 'begin').execute(connection);
      try {
        outcome = { value: await work(connection) };
      } catch (error) {
        outcome = { error };
        await rollbackQuietly(connection);
        return;
      }
      try {
        await sql`commit`.execute(connection);
      } catch (error) {
        // SQLite keeps the transaction open after a failed commit; Postgres has ended it.
        await rollbackQuietly(connection);
        throw error;
      }
    });
  } catch (error) {
    throw toOrgkitError(error);
  }
  if (outcome === undefined) throw new Error('unreachable: the transaction ended without an outcome');
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
}

/**
 * Runs `work` under a savepoint of the enclosing transaction: if it throws,
 * its writes are undone and the transaction stays usable (Postgres would
 * otherwise refuse every later statement).
 */
/** `work` in a Postgres transaction that commits without waiting for the WAL to reach the disk. */
export function lazily<DB, T>(work: (connection: Kysely<DB>) => Promise<T>) {
  return async (connection: Kysely<DB>) => {
    await sql`set local synchronous_commit = off`.execute(connection);
    return work(connection);
  };
}

export async function inSavepoint<DB, T>(connection: Kysely<DB>, work: (connection: Kysely<DB>) => Promise<T>) {
  await sql`savepoint orgkit_atomic`.execute(connection);
  try {
    const value = await work(connection);
    await sql`release savepoint orgkit_atomic`.execute(connection);
    return value;
  } catch (error) {
    await sql`rollback to savepoint orgkit_atomic`.execute(connection).catch(() => undefined);
    await sql`release savepoint orgkit_atomic`.execute(connection).catch(() => undefined);
    throw error;
  }
}

async function rollbackQuietly<DB>(connection: Kysely<DB>): Promise<void> {
  // The connection may be gone; the error worth reporting is the one before.
  await sql`rollback`.execute(connection).catch(() => undefined);
}

/** Jittered exponential backoff: about 10, 20, 40, 80 ms. */
function pause(attempt: number): Promise<void> {
  const ms = 10 * 2 ** (attempt - 1) * (0.5 + Math.random());
  return new Promise((resolve) => setTimeout(resolve, ms));
}
