/**
 * Bulk members, written straight into each store's tables (SQL stores) or
 * through the Store contract (memory), so a million members take seconds,
 * not the hour the public API would. Member `i` is the same on every store:
 * its id, email and name are functions of `i`, and it joined `i` ms after
 * the organization's base time, so keyset order is `i` order.
 */
import type { Environment, StoreName } from './environment.js';

export interface BenchOrganization {
  /** The owner, who acts in every measured call. */
  actor: { userId: string; organizationId: string };
  /** Members join at `baseMs + i`. */
  baseMs: number;
  /** Seeded members so far, the owner aside. */
  members: number;
}

/** One member in a thousand is an "Ortega": what the search that matches some looks for. */
export const SOME_TERM = 'ortega';
/** In no name and no email. */
export const NO_TERM = 'zqxj';

export const memberId = (i: number) => `00000000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;
export const memberEmail = (i: number) => `m${i}@bench.example`;
export const memberName = (i: number) => (i % 1000 === 7 ? `Ada Ortega ${i}` : `Member ${i}`);
export const memberRole = (i: number) => (i % 10 === 0 ? 'admin' : 'user');
/** How many of members 1…n match SOME_TERM. */
export const someTermMatches = (n: number) => Math.floor((n + 993) / 1000);

export async function createOrganization(env: Environment, name: StoreName): Promise<BenchOrganization> {
  const { organization, owner } = await env.stores[name].orgkit.organizations.create({
    name: `Bench ${name}`,
    owner: { email: `owner-${name}@owner.example`, fullName: 'Olive Owner' },
  });
  return {
    actor: { userId: owner.userId, organizationId: organization.id },
    baseMs: owner.createdAt.getTime() + 1_000,
    members: 0,
  };
}

/** Adds members `org.members + 1` … `total`. */
export async function growTo(env: Environment, name: StoreName, org: BenchOrganization, total: number): Promise<void> {
  const chunk = 100_000;
  for (let from = org.members + 1; from <= total; from += chunk) {
    const to = Math.min(total, from + chunk - 1);
    if (name === 'sqlite') seedSqlite(env, org, from, to);
    else if (name === 'postgres') await seedPostgres(env, org, from, to);
    else await seedMemory(env, org, from, to);
  }
  org.members = total;
  if (name === 'sqlite') env.sqlite.exec('analyze');
  if (name === 'postgres') await env.pool.query(`analyze ${schemaOf(env)}.users; analyze ${schemaOf(env)}.memberships`);
}

const schemaOf = (env: Environment) => env.postgresSchema;

/** Rows from a recursive CTE in one transaction: no round trip per row. */
function seedSqlite(env: Environment, org: BenchOrganization, from: number, to: number): void {
  const db = env.sqlite;
  const seq = `with recursive seq(i) as (select @from union all select i + 1 from seq where i < @to)`;
  const name = `case when i % 1000 = 7 then 'Ada Ortega ' || i else 'Member ' || i end`;
  const params = { from, to, base: org.baseMs, org: org.actor.organizationId };
  db.transaction(() => {
    db.prepare(
      `${seq} insert into users (id, email, full_name, search_name, timezone, created_at, updated_at)
       select printf('00000000-0000-7000-8000-%012x', i), 'm' || i || '@bench.example', ${name}, lower(${name}),
              'UTC', @base + i, @base + i from seq`,
    ).run(params);
    db.prepare(
      `${seq} insert into memberships (organization_id, user_id, role, status, created_at, updated_at)
       select @org, printf('00000000-0000-7000-8000-%012x', i), case when i % 10 = 0 then 'admin' else 'user' end,
              'active', @base + i, @base + i from seq`,
    ).run(params);
  })();
}

/** `generate_series` on the server: one statement per table and chunk. */
async function seedPostgres(env: Environment, org: BenchOrganization, from: number, to: number): Promise<void> {
  const s = schemaOf(env);
  const id = `'00000000-0000-7000-8000-' || lpad(to_hex(i), 12, '0')`;
  const at = `timestamptz 'epoch' + ($3::bigint + i) * interval '1 millisecond'`;
  const name = `case when i % 1000 = 7 then 'Ada Ortega ' || i else 'Member ' || i end`;
  const client = await env.pool.connect();
  try {
    await client.query('begin');
    await client.query(
      `insert into ${s}.users (id, email, full_name, search_name, timezone, created_at, updated_at)
       select ${id}, 'm' || i || '@bench.example', ${name}, lower(${name}), 'UTC', ${at}, ${at}
       from generate_series($1::int, $2::int) as i`,
      [from, to, org.baseMs],
    );
    await client.query(
      `insert into ${s}.memberships (organization_id, user_id, role, status, created_at, updated_at)
       select $4, ${id}, case when i % 10 = 0 then 'admin' else 'user' end, 'active', ${at}, ${at}
       from generate_series($1::int, $2::int) as i`,
      [from, to, org.baseMs, org.actor.organizationId],
    );
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

/** Through the Store contract, one transaction per chunk: the memory store has no bulk path. */
async function seedMemory(env: Environment, org: BenchOrganization, from: number, to: number): Promise<void> {
  const organizationId = org.actor.organizationId;
  await env.stores.memory.store.transaction(async (tx) => {
    for (let i = from; i <= to; i += 1) {
      const at = new Date(org.baseMs + i);
      await tx.ensureUser({
        id: memberId(i),
        email: memberEmail(i),
        fullName: memberName(i),
        timezone: 'UTC',
        pendingEmail: null,
        pendingEmailTokenHash: null,
        pendingEmailExpiresAt: null,
        createdAt: at,
        updatedAt: at,
      });
      await tx.insertMembership({
        organizationId,
        userId: memberId(i),
        role: memberRole(i),
        status: 'active',
        createdAt: at,
        updatedAt: at,
      });
    }
  });
}
