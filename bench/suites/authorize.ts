/**
 * `authorize` on every store, one call at a time, beside the floors it is
 * judged against: a bare `SELECT 1` on the same Postgres pool, and Better
 * Auth's `hasPermission` on the same SQLite file and the same Postgres. Then
 * 32 concurrent callers on the Postgres pool: throughput and p99.
 */

import { betterAuthOn } from '../lib/better-auth.js';
import type { BenchConfig } from '../lib/config.js';
import { type Environment, STORE_NAMES, type StoreName } from '../lib/environment.js';
import { log, type Throughput, type Timing, timeCalls, underLoad } from '../lib/harness.js';
import { type BenchOrganization, memberId } from '../lib/seed.js';

export interface AuthorizeResults {
  /** Who acts: an admin halfway through the largest organization. */
  actor: string;
  members: number;
  sequential: Array<{ subject: string; store: string; timing: Timing }>;
  concurrent: Array<{ subject: string; load: Throughput }>;
  problems: string[];
}

/** `orgkit.forActor`, where the library under test has it (typed here so the suite builds either way). */
type ForActor = (actor: { userId: string; organizationId: string }) => {
  authorize(permission: string): Promise<unknown>;
};

export async function authorizeSuite(
  env: Environment,
  config: BenchConfig,
  organizations: Record<StoreName, BenchOrganization>,
): Promise<AuthorizeResults> {
  const problems: string[] = [];
  const sequential: AuthorizeResults['sequential'] = [];
  const members = organizations.postgres.members;
  // Member 10k is an admin: `members:update` is granted.
  const admin = 10 * Math.max(1, Math.floor(members / 20));
  const authorizer = (name: StoreName) => {
    const actor = { userId: memberId(admin), organizationId: organizations[name].actor.organizationId };
    return () => env.stores[name].orgkit.authorize(actor, 'members:update');
  };
  const authorizers = { memory: authorizer('memory'), sqlite: authorizer('sqlite'), postgres: authorizer('postgres') };

  for (const name of STORE_NAMES) {
    const answer = await authorizers[name]();
    if (answer.role !== 'admin') problems.push(`${name}: authorize answered ${answer.role}, expected admin`);
    sequential.push({
      subject: 'orgkit authorize',
      store: name,
      timing: await timeCalls(authorizers[name], config.budget),
    });
  }
  // One request that checks three permissions: three `authorize` calls, or one `forActor` binding where the library has it.
  const REQUEST = ['members:read', 'members:update', 'projects:create'] as const;
  for (const name of STORE_NAMES) {
    const { orgkit } = env.stores[name];
    const actor = { userId: memberId(admin), organizationId: organizations[name].actor.organizationId };
    const threeCalls = async () => {
      for (const permission of REQUEST) await orgkit.authorize(actor, permission);
    };
    sequential.push({
      subject: 'request of 3 checks: authorize x3',
      store: name,
      timing: await timeCalls(threeCalls, config.budget),
    });
    const forActor = (orgkit as unknown as { forActor?: ForActor }).forActor;
    if (typeof forActor !== 'function') continue;
    const bound = async () => {
      const binding = forActor.call(orgkit, actor);
      for (const permission of REQUEST) await binding.authorize(permission);
    };
    sequential.push({
      subject: 'request of 3 checks: forActor',
      store: name,
      timing: await timeCalls(bound, config.budget),
    });
  }
  const selectOne = () => env.pool.query('select 1');
  sequential.push({
    subject: 'SELECT 1 (same pool)',
    store: 'postgres',
    timing: await timeCalls(selectOne, config.budget),
  });

  const betterAuth = {
    sqlite: await betterAuthOn(env.sqlite, 'sqlite'),
    postgres: await betterAuthOn(env.authPool, 'postgres'),
  };
  for (const [store, check] of Object.entries(betterAuth)) {
    if (!(await check.hasPermission())) problems.push(`Better Auth on ${store}: hasPermission answered false`);
    const timing = await timeCalls(() => check.hasPermission(), config.budget);
    sequential.push({ subject: 'Better Auth hasPermission', store, timing });
  }
  for (const row of sequential) log(`${row.subject} on ${row.store}: p50 ${(row.timing.p50 * 1000).toFixed(1)} µs`);

  const concurrent: AuthorizeResults['concurrent'] = [];
  const loads: Record<string, () => Promise<unknown>> = {
    'orgkit authorize': authorizers.postgres,
    'SELECT 1 (same pool)': selectOne,
    'Better Auth hasPermission': () => betterAuth.postgres.hasPermission(),
  };
  for (const [subject, fn] of Object.entries(loads)) {
    const load = await underLoad(fn, config.callers, config.loadMs);
    concurrent.push({ subject, load });
    log(`${subject}, ${config.callers} callers: ${load.perSecond.toFixed(0)}/s, p99 ${load.latency.p99.toFixed(2)} ms`);
  }
  return { actor: `admin member ${admin}`, members, sequential, concurrent, problems };
}
