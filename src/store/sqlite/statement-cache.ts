import type { SqliteDatabase as KyselySqliteDatabase, SqliteStatement } from 'kysely';

/** orgkit runs a few dozen distinct statements; `in (?, …)` lists of varying length make the rest. */
const CAPACITY = 256;

/**
 * The `Database` Kysely sees, preparing each distinct SQL text once.
 * Kysely prepares every statement it runs, and on better-sqlite3 preparing
 * (parsing and planning) costs more than running most of orgkit's queries.
 * Least recently used statements go first when the cache is full.
 */
export function cachingStatements(database: KyselySqliteDatabase): KyselySqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    prepare(sql) {
      const cached = cache.get(sql);
      // A statement still iterating (a stream) cannot run again until it is done.
      if (cached !== undefined && !(cached as { busy?: boolean }).busy) {
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > CAPACITY) cache.delete(cache.keys().next().value as string);
      return statement;
    },
    close() {
      cache.clear();
      return database.close();
    },
  };
}
