/**
 * Faults only a real Postgres server can produce: a connection killed in the
 * middle of a transaction, serialization failures and deadlocks. Runs when
 * ORGKIT_TEST_POSTGRES_URL is set (`.ci/run` sets it).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OrgkitError } from '../../src/errors.js';
import { postgresStore } from '../../src/postgres.js';
import { MAX_ATTEMPTS } from '../../src/store/kysely/transactions.js';
import type { Store, StoreTx } from '../../src/store/store.js';
import { aMembership, anAuditEvent, anOrganization, aProject, aTime, aUser } from '../../src/testing/fixtures.js';
import { rejectionOf } from '../support/sql-targets.js';
import { dropPostgresSchema, freshSchemaName, POSTGRES_URL } from '../support/stores.js';

const url = POSTGRES_URL ?? '';

function withParameters(base: string, parameters: Record<string, string>): string {
  const target = new URL(base);
  for (const [name, value] of Object.entries(parameters)) target.searchParams.set(name, value);
  return target.toString();
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(url === '')('postgres faults', () => {
  let admin: pg.Client;
  let schema: string;
  const stores: Store[] = [];

  /** A store on the test schema, through a connection string carrying extra parameters. */
  function open(parameters: Record<string, string> = {}): Store {
    const store = postgresStore({ connectionString: withParameters(url, parameters), schema, maxConnections: 4 });
    stores.push(store);
    return store;
  }

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  });
  afterAll(() => admin.end());

  beforeEach(async () => {
    schema = freshSchemaName();
    await open().migrate();
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await dropPostgresSchema(url, schema);
  });

  async function seedOwners(store: Store, count: number) {
    const organization = anOrganization();
    await store.insertOrganization(organization);
    const users = Array.from({ length: count }, () => aUser());
    for (const user of users) {
      await store.ensureUser(user);
      await store.insertMembership(aMembership({ organizationId: organization.id, userId: user.id, role: 'owner' }));
    }
    return { organization, users };
  }

  it('a connection killed mid-transaction fails the call, writes nothing, and the store recovers', async () => {
    const applicationName = `orgkit_victim_${randomBytes(4).toString('hex')}`;
    const store = open({ application_name: applicationName });
    const organization = anOrganization();
    await store.insertOrganization(organization);
    const project = aProject({ organizationId: organization.id });
    const writing = deferred();
    const killed = deferred();

    const outcome = store.transaction(async (tx) => {
      expect(await tx.lockOrganization(organization.id)).toBe(true);
      await tx.insertProject(project);
      await tx.updateOrganization(organization.id, { name: 'Half renamed', updatedAt: aTime(1) });
      writing.resolve();
      await killed.promise;
      await tx.insertAuditEvents([anAuditEvent({ organizationId: organization.id })]);
      return 'committed';
    });

    await writing.promise;
    const { rows } = await admin.query<{ pid: number }>(
      `select pid from pg_stat_activity where application_name = $1 and state = 'idle in transaction'`,
      [applicationName],
    );
    expect(rows).toHaveLength(1);
    await admin.query('select pg_terminate_backend($1)', [rows[0]?.pid]);
    for (let waited = 0; waited < 5000; waited += 20) {
      const alive = await admin.query('select 1 from pg_stat_activity where pid = $1', [rows[0]?.pid]);
      if (alive.rows.length === 0) break;
      await sleep(20);
    }
    killed.resolve();

    const error = await rejectionOf(outcome);
    expect(error).toBeInstanceOf(OrgkitError);
    expect((error as OrgkitError).code).toBe('STORE_FAILURE');
    expect((error as OrgkitError).message).not.toMatch(/terminat|connection|administrator/i);
    expect((error as OrgkitError).cause).toBeDefined();

    const reader = open();
    expect(await reader.getProject(organization.id, project.id)).toBeNull();
    expect(await reader.getOrganization(organization.id)).toEqual(organization);
    expect(await reader.listAuditEvents({ organizationId: organization.id, limit: 10 })).toEqual([]);
    // The pool dropped the dead connection: the same store works again.
    await store.transaction((tx) => tx.insertProject(project));
    expect(await store.getProject(organization.id, project.id)).toEqual(project);
  });

  it('a serialization failure under SERIALIZABLE is retried, and the invariant holds', async () => {
    // Write skew: each transaction reads the owner count, then demotes itself.
    const store = open({ options: '-c default_transaction_isolation=serializable' });
    const { organization, users } = await seedOwners(store, 2);
    const bothRead = { count: 0, all: deferred() };
    let calls = 0;

    const demote = (userId: string) => async (tx: StoreTx) => {
      calls += 1;
      const owners = await tx.countActiveOwners(organization.id);
      bothRead.count += 1;
      if (bothRead.count === 2) bothRead.all.resolve();
      await Promise.race([bothRead.all.promise, sleep(500)]);
      if (owners > 1) await tx.updateMembership(organization.id, userId, { role: 'admin', updatedAt: aTime(1) });
    };

    const results = await Promise.allSettled(users.map((user) => store.transaction(demote(user.id))));

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(calls).toBeGreaterThan(2);
    expect(await store.countActiveOwners(organization.id)).toBe(1);
  });

  it('a deadlock is retried: both transactions commit', async () => {
    const store = open();
    const [first, second] = [anOrganization(), anOrganization()];
    await store.insertOrganization(first);
    await store.insertOrganization(second);
    const bothLocked = { count: 0, all: deferred() };
    let calls = 0;

    // Opposite lock order, each waiting until the other holds its first lock.
    const lockBoth = (a: string, b: string) => async (tx: StoreTx) => {
      calls += 1;
      await tx.lockOrganization(a);
      bothLocked.count += 1;
      if (bothLocked.count === 2) bothLocked.all.resolve();
      await bothLocked.all.promise;
      await tx.lockOrganization(b);
      await tx.updateOrganization(a, { name: `after ${calls}`, updatedAt: aTime(1) });
    };

    const results = await Promise.allSettled([
      store.transaction(lockBoth(first.id, second.id)),
      store.transaction(lockBoth(second.id, first.id)),
    ]);

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(calls).toBe(3);
  });

  it(`gives up after ${MAX_ATTEMPTS} serialization failures, with the driver error as cause`, async () => {
    const store = open({ options: '-c default_transaction_isolation=repeatable\\ read' });
    const organization = anOrganization();
    await store.insertOrganization(organization);
    let calls = 0;

    const error = await rejectionOf(
      store.transaction(async (tx) => {
        calls += 1;
        await tx.getOrganization(organization.id);
        // Another session changes the row after this snapshot: the update below cannot serialize.
        await admin.query(`update "${schema}".organizations set name = $1 where id = $2`, [
          `outside ${calls}`,
          organization.id,
        ]);
        await tx.updateOrganization(organization.id, { name: 'never', updatedAt: aTime(1) });
      }),
    );

    expect(calls).toBe(MAX_ATTEMPTS);
    expect(error).toBeInstanceOf(OrgkitError);
    expect((error as OrgkitError).code).toBe('STORE_FAILURE');
    expect((error as OrgkitError).message).not.toMatch(/serializ|update/i);
    expect(((error as OrgkitError).cause as { code?: string }).code).toBe('40001');
    expect((await store.getOrganization(organization.id))?.name).toBe(`outside ${MAX_ATTEMPTS}`);
  });

  it('a pool the host passed in stays open after close()', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    try {
      const store = postgresStore({ pool, schema });
      expect(await store.getOrganization('missing')).toBeNull();
      await store.close();
      const { rows } = await pool.query('select 1 as one');
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
    }
  });
});
