/**
 * What the Kysely store adds around `transaction`: SQLite's write lock taken
 * at BEGIN, one transaction at a time per store, savepoints that keep a
 * Postgres transaction usable after a CONFLICT, and bounded retries of
 * transient failures (injected here; provoked for real in postgres-faults).
 */

import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import Database from 'better-sqlite3';
import {
  CamelCasePlugin,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  Kysely,
  SqliteDialect,
  sql,
} from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrgkitError } from '../../src/errors.js';
import { kyselyStore } from '../../src/kysely.js';
import { MAX_ATTEMPTS } from '../../src/store/kysely/transactions.js';
import type { Store } from '../../src/store/store.js';
import { anInvitation, anOrganization, aTime, aUser } from '../../src/testing/fixtures.js';
import { rejectionOf, SQL_TARGETS, type SqlFixture } from '../support/sql-targets.js';
import { freshSchemaName } from '../support/stores.js';

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/**
 * A dialect whose connections fail the next `state.failures` inserts into
 * `organizations` with a driver-shaped error carrying `code`, as a driver
 * would report a serialization failure or a busy database.
 */
function faulty(dialect: Dialect, code: string) {
  const state = { failures: 0 };
  const patched = new WeakSet<DatabaseConnection>();
  const wrapped: Dialect = {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver() {
      const driver = dialect.createDriver();
      const acquire = driver.acquireConnection.bind(driver);
      // Patched in place: drivers recognise their connections by identity on release.
      driver.acquireConnection = async () => {
        const connection = await acquire();
        if (!patched.has(connection)) {
          patched.add(connection);
          const execute = connection.executeQuery.bind(connection);
          connection.executeQuery = <R>(query: CompiledQuery) => {
            if (state.failures > 0 && /^insert into (\S+\.)?"organizations"/.test(query.sql)) {
              state.failures -= 1;
              return Promise.reject(Object.assign(new Error(`injected ${code} on ${query.sql}`), { code }));
            }
            return execute<R>(query);
          };
        }
        return connection;
      };
      return driver;
    },
  };
  return { dialect: wrapped, state };
}

describe('transient failures are retried (injected)', () => {
  let pglite: PGlite | undefined;
  afterAll(async () => {
    await pglite?.close();
  });

  const cases = [
    {
      name: 'sqlite (SQLITE_BUSY)',
      code: 'SQLITE_BUSY',
      open: async () => {
        const { dialect, state } = faulty(new SqliteDialect({ database: new Database(':memory:') }), 'SQLITE_BUSY');
        const db = new Kysely<unknown>({ dialect });
        const store = kyselyStore({ db, dialect: 'sqlite' });
        await store.migrate();
        return { store, state, close: () => db.destroy() };
      },
    },
    {
      name: 'pglite (40001)',
      code: '40001',
      open: async () => {
        pglite ??= new PGlite({ extensions: { pg_trgm } });
        const { dialect, state } = faulty(new PGliteDialect(pglite), '40001');
        const db = new Kysely<unknown>({ dialect });
        const schema = freshSchemaName();
        const store = kyselyStore({ db, dialect: 'postgres', schema });
        await store.migrate();
        // Not destroyed: that would close the PGlite the next test reuses.
        return {
          store,
          state,
          close: () => sql`drop schema ${sql.id(schema)} cascade`.execute(db).then(() => undefined),
        };
      },
    },
  ];

  for (const testCase of cases) {
    describe(testCase.name, () => {
      let store: Store;
      let state: { failures: number };
      let close: () => Promise<void>;
      beforeEach(async () => {
        ({ store, state, close } = await testCase.open());
      });
      afterEach(() => close());

      it('runs fn again and commits once', async () => {
        const organization = anOrganization();
        let calls = 0;
        state.failures = 2;
        const answer = await store.transaction(async (tx) => {
          calls += 1;
          await tx.insertOrganization(organization);
          return 'done';
        });
        expect(answer).toBe('done');
        expect(calls).toBe(3);
        expect(await store.getOrganization(organization.id)).toEqual(organization);
      });

      it(`gives up after ${MAX_ATTEMPTS} attempts with STORE_FAILURE, keeping the driver error as cause`, async () => {
        const organization = anOrganization();
        let calls = 0;
        state.failures = MAX_ATTEMPTS;
        const error = await rejectionOf(
          store.transaction(async (tx) => {
            calls += 1;
            await tx.insertOrganization(organization);
          }),
        );
        expect(calls).toBe(MAX_ATTEMPTS);
        expect(error).toBeInstanceOf(OrgkitError);
        expect((error as OrgkitError).code).toBe('STORE_FAILURE');
        expect((error as OrgkitError).message).not.toContain('injected');
        expect(((error as OrgkitError).cause as { code: string }).code).toBe(testCase.code);
        expect(await store.getOrganization(organization.id)).toBeNull();
      });

      it('does not retry other failures, nor errors fn throws', async () => {
        let calls = 0;
        const failure = new Error('not transient');
        await expect(
          store.transaction(async () => {
            calls += 1;
            throw failure;
          }),
        ).rejects.toBe(failure);
        expect(calls).toBe(1);
      });
    });
  }
});

for (const target of SQL_TARGETS) {
  describe(`transactions: ${target.name}`, () => {
    let f: SqlFixture;
    beforeEach(async () => {
      f = await target.open();
    });
    afterEach(() => f.close());

    it('a CONFLICT caught inside a transaction leaves it usable, and only the failed write is undone', async () => {
      const organization = anOrganization();
      await f.store.insertOrganization(organization);
      const invitation = anInvitation({ organizationId: organization.id });
      await f.store.insertInvitation(invitation);
      const [first, second] = [aUser(), aUser()];
      const later = anOrganization();

      await f.store.transaction(async (tx) => {
        await tx.ensureUser(first);
        await tx.ensureUser(second);
        const duplicate = anInvitation({ organizationId: organization.id, email: invitation.email });
        await expect(tx.insertInvitation(duplicate)).rejects.toMatchObject({ code: 'CONFLICT' });
        await expect(tx.updateUser(second.id, { email: first.email, updatedAt: aTime(1) })).rejects.toMatchObject({
          details: { constraint: 'user_email' },
        });
        await expect(
          tx.updatePendingInvitation(organization.id, invitation.id, {
            tokenHash: invitation.tokenHash,
            updatedAt: aTime(1),
          }),
        ).resolves.not.toBeNull();
        await tx.insertOrganization(later);
      });

      expect(await f.store.getOrganization(later.id)).toEqual(later);
      expect(await f.store.getUser(second.id)).toEqual(second);
      expect((await f.store.listInvitations({ organizationId: organization.id, now: aTime(), limit: 10 })).length).toBe(
        1,
      );
    });

    it('insertInvitation outside a transaction is all-or-nothing: a bad project id leaves no invitation', async () => {
      const organization = anOrganization();
      await f.store.insertOrganization(organization);
      const invitation = anInvitation({ organizationId: organization.id, projectIds: ['no-such-project'] });
      await expect(f.store.insertInvitation(invitation)).rejects.toMatchObject({ code: 'STORE_FAILURE' });
      expect(await f.store.getInvitation(organization.id, invitation.id)).toBeNull();
    });

    if (target.dialect === 'sqlite') {
      it('transactions through one store run one at a time', async () => {
        const firstHolds = deferred();
        const order: string[] = [];
        const first = f.store.transaction(async (tx) => {
          order.push('first:start');
          await tx.getOrganization('x');
          await firstHolds.promise;
          order.push('first:end');
        });
        const second = f.store.transaction(async () => {
          order.push('second:start');
        });
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(order).toEqual(['first:start']);
        firstHolds.resolve();
        await Promise.all([first, second]);
        expect(order).toEqual(['first:start', 'first:end', 'second:start']);
      });

      it('BEGIN IMMEDIATE: an open transaction holds the write lock before its first write', async () => {
        const release = deferred();
        const reading = deferred();
        const held = f.store.transaction(async (tx) => {
          await tx.getOrganization('x');
          reading.resolve();
          await release.promise;
        });
        await reading.promise;
        const other = new Database(f.file as string, { timeout: 0 });
        try {
          expect(() => other.exec('begin immediate')).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }));
        } finally {
          release.resolve();
          await held;
          other.close();
        }
      });
    }
  });
}

describe('kyselyStore on a host instance with plugins', () => {
  it("ignores the host's plugins, such as CamelCasePlugin", async () => {
    const host = new Kysely<unknown>({
      dialect: new SqliteDialect({ database: new Database(':memory:') }),
      plugins: [new CamelCasePlugin()],
    });
    try {
      const store = kyselyStore({ db: host, dialect: 'sqlite' });
      await store.migrate();
      const organization = anOrganization();
      await store.insertOrganization(organization);
      expect(await store.getOrganization(organization.id)).toEqual(organization);
    } finally {
      await host.destroy();
    }
  });
});
