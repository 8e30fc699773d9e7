/**
 * Waiting for another connection's lock without blocking the event loop.
 *
 * better-sqlite3 runs SQLite's busy handler synchronously: with a busy
 * timeout of seconds, a process whose file another process has locked stops
 * for seconds, every request and timer with it. So SQLite itself waits only
 * {@link SYNC_WAIT_MS} at a time, and a busy statement is tried again after
 * an asynchronous pause, until the calling store's budget is spent.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { CompiledQuery, DatabaseConnection } from 'kysely';
import { waitedOut } from '../kysely/driver-errors.js';

/** SQLite's own wait for a lock on the connections orgkit opens: short enough to go unnoticed. */
export const SYNC_WAIT_MS = 10;
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;
/** The longest pause between two tries, before jitter: SQLite's own busy handler stops growing there too. */
const MAX_PAUSE_MS = 100;

/**
 * The budget of the store whose call is running. Per call rather than per
 * connection, because stores sharing one connection may each set their own.
 */
const budgets = new AsyncLocalStorage<number>();

/** Runs `call` (and everything it awaits) with `budgetMs` to wait out busy statements. */
export function withBusyBudget<T>(budgetMs: number, call: () => Promise<T>): Promise<T> {
  return budgets.run(budgetMs, call);
}

/**
 * Makes `connection` wait out a busy database asynchronously. It retries only
 * what SQLite says may simply run again: a statement outside a transaction
 * (`BEGIN IMMEDIATE` included), which did nothing, and a `COMMIT`, which left
 * the transaction as it was. Any other statement inside a transaction fails,
 * and the transaction as a whole is retried (see kysely/transactions.ts).
 */
export function waitingOutLocks(connection: DatabaseConnection, inTransaction: () => boolean): void {
  const execute = connection.executeQuery.bind(connection);
  connection.executeQuery = <R>(query: CompiledQuery) =>
    retryingBusy(
      () => execute<R>(query),
      () => !inTransaction() || /^\s*commit\b/i.test(query.sql),
    );
}

/**
 * Runs `attempt` again while it fails with SQLITE_BUSY and `mayRetry()`,
 * until the budget is spent; then the busy error is marked as waited out, so
 * that a retry of the whole transaction does not wait all over again.
 */
export async function retryingBusy<T>(attempt: () => Promise<T>, mayRetry: () => boolean): Promise<T> {
  const deadline = performance.now() + (budgets.getStore() ?? DEFAULT_BUSY_TIMEOUT_MS);
  for (let count = 1; ; count += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error) || !mayRetry()) throw error;
      const left = deadline - performance.now();
      if (left <= 0) throw waitedOut(error);
      await pause(Math.min(left, backoff(count)));
    }
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** About 2, 4, 8, … ms, then about 100 ms; jittered, so that waiting processes do not retry in step. */
function backoff(attempt: number): number {
  return Math.min(MAX_PAUSE_MS, 2 ** attempt) * (0.5 + Math.random());
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
