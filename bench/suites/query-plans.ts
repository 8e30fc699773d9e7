/**
 * The query plans of the statements a member page and a member search run,
 * read off the largest organization: the SQL is captured from the driver as
 * orgkit sends it (a store of its own on a recording connection), then
 * explained with the same parameters. SQLite: EXPLAIN QUERY PLAN; Postgres:
 * EXPLAIN (ANALYZE, BUFFERS).
 */
import Database from 'better-sqlite3';
import { createOrgkit, type ListMembersInput } from 'orgkit';
import { postgresStore } from 'orgkit/postgres';
import { sqliteStore } from 'orgkit/sqlite';
import type pg from 'pg';
import type { BenchConfig } from '../lib/config.js';
import type { Environment, StoreName } from '../lib/environment.js';
import { log } from '../lib/harness.js';
import { type BenchOrganization, NO_TERM, SOME_TERM } from '../lib/seed.js';

interface Executed {
  sql: string;
  params: unknown[];
}

export interface QueryPlan {
  case: string;
  sql: string;
  plan: string;
}

export interface PlanResults {
  members: number;
  sqlite: QueryPlan[];
  postgres: QueryPlan[];
}

const CASES: Record<string, ListMembersInput> = {
  'member page': { limit: 50 },
  [`search "${NO_TERM}" (no match)`]: { limit: 50, search: NO_TERM },
  [`search "${SOME_TERM}" (some match)`]: { limit: 50, search: SOME_TERM },
};

const isQuery = (sql: string) => /^\s*(select|with)\b/i.test(sql);
const noMail = { send: async () => undefined };
const urls = { acceptUrl: (token: string) => token, confirmEmailUrl: (token: string) => token };

/** Runs each case once on `orgkit`, answering the statements each ran. */
async function capture(
  orgkit: ReturnType<typeof createOrgkit>,
  org: BenchOrganization,
  executed: Executed[],
): Promise<Array<{ case: string; statements: Executed[] }>> {
  const out: Array<{ case: string; statements: Executed[] }> = [];
  for (const [label, query] of Object.entries(CASES)) {
    await orgkit.members.list(org.actor, query); // statements prepared lazily are prepared now
    const from = executed.length;
    await orgkit.members.list(org.actor, query);
    out.push({ case: label, statements: executed.slice(from).filter((statement) => isQuery(statement.sql)) });
  }
  return out;
}

async function sqlitePlans(config: BenchConfig, org: BenchOrganization): Promise<QueryPlan[]> {
  const db = new Database(config.sqliteFile, { timeout: 10_000 });
  const executed: Executed[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    const statement = prepare(source);
    const proxy: object = new Proxy(statement, {
      get(target, property) {
        const value = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (['all', 'get', 'run', 'iterate'].includes(String(property))) executed.push({ sql: source, params: args });
          const result = value.apply(target, args);
          return result === target ? proxy : result;
        };
      },
    });
    return proxy;
  }) as typeof db.prepare;
  const orgkit = createOrgkit({ store: sqliteStore({ database: db }), mailer: noMail, ...urls });
  try {
    const plans: QueryPlan[] = [];
    for (const { case: label, statements } of await capture(orgkit, org, executed)) {
      for (const { sql, params } of statements) {
        const rows = prepare(`explain query plan ${sql}`).all(...(params as [])) as Array<{ detail: string }>;
        plans.push({ case: label, sql, plan: rows.map((row) => row.detail).join('\n') });
      }
    }
    return plans;
  } finally {
    await orgkit.close();
    db.close();
  }
}

/** A pool whose clients record each query they are sent. */
function recordingPool(pool: pg.Pool, executed: Executed[]) {
  // One proxy per client: orgkit adds its error listener once per client it sees.
  const proxies = new WeakMap<pg.PoolClient, pg.PoolClient>();
  const wrap = (client: pg.PoolClient) =>
    new Proxy(client, {
      get(target, property) {
        const value = Reflect.get(target, property, target);
        if (property !== 'query' || typeof value !== 'function') {
          return typeof value === 'function' ? value.bind(target) : value;
        }
        return (text: string | { text: string; values?: unknown[] }, values?: unknown[]) => {
          if (typeof text === 'string') executed.push({ sql: text, params: values ?? [] });
          else executed.push({ sql: text.text, params: text.values ?? values ?? [] });
          return value.call(target, text, values);
        };
      },
    });
  return {
    async connect() {
      const client = await pool.connect();
      let proxy = proxies.get(client);
      if (proxy === undefined) {
        proxy = wrap(client);
        proxies.set(client, proxy);
      }
      return proxy;
    },
    end: async () => undefined,
  };
}

async function postgresPlans(env: Environment, org: BenchOrganization): Promise<QueryPlan[]> {
  const executed: Executed[] = [];
  const store = postgresStore({ pool: recordingPool(env.pool, executed), schema: env.postgresSchema });
  const orgkit = createOrgkit({ store, mailer: noMail, ...urls });
  try {
    const plans: QueryPlan[] = [];
    for (const { case: label, statements } of await capture(orgkit, org, executed)) {
      for (const { sql, params } of statements) {
        const result = await env.pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${sql}`, params);
        plans.push({ case: label, sql, plan: result.rows.map((row) => row['QUERY PLAN']).join('\n') });
      }
    }
    return plans;
  } finally {
    await orgkit.close();
  }
}

export async function queryPlanSuite(
  env: Environment,
  config: BenchConfig,
  organizations: Record<StoreName, BenchOrganization>,
): Promise<PlanResults> {
  const sqlite = await sqlitePlans(config, organizations.sqlite);
  const postgres = await postgresPlans(env, organizations.postgres);
  log(`query plans: ${sqlite.length} SQLite and ${postgres.length} Postgres statements explained`);
  return { members: organizations.postgres.members, sqlite, postgres };
}
