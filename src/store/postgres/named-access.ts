import { createHash } from 'node:crypto';
import type { PostgresPool } from 'kysely';
import type { AccessReader } from '../kysely/access-query.js';

/** What node-postgres clients take besides `(sql, parameters)`: a named statement. */
interface NamedQueryClient {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
  release(): void;
}

/** Postgres's `invalid_sql_statement_name`: a pooler between orgkit and the server dropped the statement. */
const STATEMENT_GONE = '26000';

/**
 * `authorize`'s query as a named prepared statement: each connection parses
 * and plans it once, then only binds and executes it, in one round trip.
 * The name is derived from the SQL text, so stores on other schemas sharing
 * the pool never mix their statements. When a pooler in between has lost
 * the statement, the query runs again unnamed.
 */
export function namedAccessReader(pool: () => Promise<PostgresPool>): AccessReader {
  const names = new Map<string, string>();
  return (query, parameters) => {
    let name = names.get(query.sql);
    if (name === undefined) {
      name = `orgkit_access_${createHash('sha256').update(query.sql).digest('hex').slice(0, 16)}`;
      names.set(query.sql, name);
    }
    return run(pool, name, query.sql, parameters);
  };
}

async function run(pool: () => Promise<PostgresPool>, name: string, text: string, values: unknown[]) {
  const client = (await (await pool()).connect()) as unknown as NamedQueryClient;
  try {
    return (await client.query({ name, text, values })).rows;
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code !== STATEMENT_GONE) throw error;
    return (await client.query({ text, values })).rows;
  } finally {
    client.release();
  }
}
