/**
 * The member search index from the outside: where the database cannot build
 * it the migration says so once and search still answers; on SQLite, a term
 * too common for the index falls back to walking the organization.
 */
import { PGlite } from '@electric-sql/pglite';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { kyselyStore } from '../../src/kysely.js';
import { MAX_INDEXED_CANDIDATES } from '../../src/store/kysely/member-search.js';
import type { Store } from '../../src/store/store.js';
import { seedMember, seedOrganization } from '../../src/testing/conformance/support.js';
import { aTime } from '../../src/testing/fixtures.js';

afterEach(() => {
  vi.restoreAllMocks();
});

async function searchNames(store: Store, organizationId: string, search: string) {
  return (await store.listMembers({ organizationId, search, limit: 50 })).map((member) => member.fullName);
}

async function seedSearchable(store: Store) {
  const organization = await seedOrganization(store);
  for (const [index, fullName] of ['Ada Lovelace', 'Grace Hopper', 'Zoë Ärnström'].entries()) {
    await seedMember(store, organization.id, { createdAt: aTime(index), user: { fullName } });
  }
  return organization.id;
}

describe('member search without an index', () => {
  it('on a Postgres without pg_trgm: the migration warns once and search scans', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const db = new Kysely<unknown>({ dialect: new PGliteDialect(new PGlite()) });
    try {
      const store = kyselyStore({ db, dialect: 'postgres', schema: 'no_trigrams' });
      await store.migrate();
      await store.migrate();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/^orgkit: member search has no index here and will scan/);

      const organizationId = await seedSearchable(store);
      expect(await searchNames(store, organizationId, 'LOVELACE')).toEqual(['Ada Lovelace']);
      expect(await searchNames(store, organizationId, 'ärn')).toEqual(['Zoë Ärnström']);
      expect(await searchNames(store, organizationId, 'Ö')).toEqual(['Zoë Ärnström']);
    } finally {
      await db.destroy();
    }
  });

  it('on an SQLite where the index cannot be made: the migration warns once and search scans', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const database = new Database(':memory:');
    // A table of the host's in the way of the index's first statement.
    database.exec('create table user_search_keys (anything text)');
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database }) });
    try {
      const store = kyselyStore({ db, dialect: 'sqlite' });
      await store.migrate();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(database.prepare(`select name from sqlite_master where name like 'user_search%'`).all()).toEqual([
        { name: 'user_search_keys' },
      ]);

      const organizationId = await seedSearchable(store);
      expect(await searchNames(store, organizationId, 'hopper')).toEqual(['Grace Hopper']);
      expect(await searchNames(store, organizationId, 'nobody')).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});

describe('member search on SQLite with more candidates than the index serves', () => {
  it('pages through every match in keyset order', async () => {
    const database = new Database(':memory:');
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database }) });
    try {
      const store = kyselyStore({ db, dialect: 'sqlite' });
      await store.migrate();
      const organization = await seedOrganization(store);
      const other = await seedOrganization(store);
      const count = MAX_INDEXED_CANDIDATES + 20;
      await store.transaction(async (tx) => {
        for (let index = 0; index < count; index++) {
          // Every user matches; a third of them are in the other organization.
          const organizationId = index % 3 === 0 ? other.id : organization.id;
          await seedMember(tx as unknown as Store, organizationId, {
            createdAt: aTime(index),
            user: { fullName: `Common Name ${index}` },
          });
        }
      });
      const expected = Array.from({ length: count }, (_, index) => index)
        .filter((index) => index % 3 !== 0)
        .map((index) => `Common Name ${index}`);

      const seen: string[] = [];
      let after: { createdAt: Date; id: string } | undefined;
      for (;;) {
        const page = await store.listMembers({
          organizationId: organization.id,
          search: 'COMMON',
          limit: 100,
          ...(after ? { after } : {}),
        });
        if (page.length === 0) break;
        seen.push(...page.map((member) => member.fullName));
        const last = page.at(-1)!;
        after = { createdAt: last.createdAt, id: last.userId };
      }

      expect(seen).toEqual(expected);
      expect(await searchNames(store, organization.id, 'name 1000')).toEqual(['Common Name 1000']);
    } finally {
      await db.destroy();
    }
  });
});
