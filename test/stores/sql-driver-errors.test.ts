/**
 * Driver errors surface as `OrgkitError`s that keep the driver's words out of
 * the message (they can name tables, values and SQL) and in `cause`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrgkitError } from '../../src/errors.js';
import { postgresStore } from '../../src/postgres.js';
import { sqliteStore } from '../../src/sqlite.js';
import { aMembership, anOrganization, aUser } from '../../src/testing/fixtures.js';
import { rejectionOf, SQL_TARGETS, type SqlFixture } from '../support/sql-targets.js';

const LEAKS = /audit_events|memberships|select|insert|relation|table|constraint|foreign|sqlite|syntax/i;

function expectStoreFailure(error: unknown): OrgkitError {
  expect(error).toBeInstanceOf(OrgkitError);
  const failure = error as OrgkitError;
  expect(failure.code).toBe('STORE_FAILURE');
  expect(failure.message).not.toMatch(LEAKS);
  expect(JSON.stringify(failure.details ?? {})).not.toMatch(LEAKS);
  expect(failure.cause).toBeInstanceOf(Error);
  return failure;
}

for (const target of SQL_TARGETS) {
  describe(`driver errors: ${target.name}`, () => {
    let f: SqlFixture;
    beforeEach(async () => {
      f = await target.open();
    });
    afterEach(() => f.close());

    it('a failing statement is a STORE_FAILURE with the driver error as cause only', async () => {
      await f.raw.schema.dropTable('audit_events').execute();
      const failure = expectStoreFailure(await rejectionOf(f.store.listAuditEvents({ organizationId: 'o', limit: 5 })));
      expect((failure.cause as Error).message).toMatch(/audit_events/);
    });

    it('the same inside a transaction, which then rolls back', async () => {
      const organization = anOrganization();
      await f.raw.schema.dropTable('audit_events').execute();
      expectStoreFailure(
        await rejectionOf(
          f.store.transaction(async (tx) => {
            await tx.insertOrganization(organization);
            await tx.listAuditEvents({ organizationId: organization.id, limit: 5 });
          }),
        ),
      );
      expect(await f.store.getOrganization(organization.id)).toBeNull();
    });

    it('a dangling reference is a STORE_FAILURE, not a CONFLICT', async () => {
      const organization = anOrganization();
      await f.store.insertOrganization(organization);
      const stranger = aUser();
      expectStoreFailure(
        await rejectionOf(
          f.store.insertMembership(aMembership({ organizationId: organization.id, userId: stranger.id })),
        ),
      );
    });
  });
}

describe('driver errors: unreachable Postgres', () => {
  it('is a STORE_FAILURE naming neither host nor port', async () => {
    const store = postgresStore({ connectionString: 'postgres://postgres@127.0.0.1:1/none' });
    try {
      const failure = expectStoreFailure(await rejectionOf(store.getUser('someone')));
      expect(failure.message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
      expect((failure.cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
      expectStoreFailure(await rejectionOf(store.migrate()));
    } finally {
      await store.close();
    }
  });
});

describe('sqliteStore', () => {
  it('a Database the host passed in gets foreign keys on and is still open after close()', async () => {
    const database = new Database(':memory:');
    database.pragma('foreign_keys = OFF');
    const store = sqliteStore({ database });
    await store.migrate();
    expect(database.pragma('foreign_keys', { simple: true })).toBe(1);
    await store.close();
    expect(database.open).toBe(true);
    expect(database.prepare('select count(*) as n from users').get()).toEqual({ n: 0 });
    database.close();
  });

  it('a file it opens itself uses WAL and a busy timeout, and is closed by close()', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'orgkit-'));
    try {
      const file = join(directory, 'wal.sqlite');
      const store = sqliteStore({ database: file, busyTimeoutMs: 1234 });
      await store.migrate();
      const other = new Database(file);
      expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
      other.close();
      await store.close();
      await expect(store.getUser('x')).rejects.toBeInstanceOf(OrgkitError);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
