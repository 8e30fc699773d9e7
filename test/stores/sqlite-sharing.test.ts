/**
 * `sqliteStore`s on one database in one process share one connection. Each
 * with a connection of its own, one would wait synchronously (better-sqlite3's
 * busy timeout) for a lock that only the other, in the same blocked thread,
 * could release: the event loop froze, then the call failed with SQLITE_BUSY.
 * Two Kysely instances on one host `Database` would interleave their BEGINs.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SqliteDatabase, type SqliteStoreOptions, sqliteStore } from '../../src/sqlite.js';
import type { Store } from '../../src/store/store.js';
import { anOrganization } from '../../src/testing/fixtures.js';
import { deferred, sleep, watchEventLoop } from '../support/event-loop.js';

let directory: string;
let file: string;
const opened: Store[] = [];

function open(database: SqliteDatabase | string = file, options: Omit<SqliteStoreOptions, 'database'> = {}): Store {
  const store = sqliteStore({ database, ...options });
  opened.push(store);
  return store;
}

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'orgkit-sharing-'));
  mkdirSync(join(directory, 'real'));
  file = join(directory, 'real', 'shared.sqlite');
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
  rmSync(directory, { recursive: true, force: true });
});

/**
 * `count` transactions spread over `stores`, all started at once; each
 * yields to the loop while it holds the write lock, so that the next one
 * asks for the lock meanwhile. Answers the longest loop gap and the time taken.
 */
async function interleaved(stores: Store[], count: number) {
  const stopWatching = watchEventLoop();
  const began = performance.now();
  const organizations = await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const organization = anOrganization();
      await (stores[index % stores.length] as Store).transaction(async (tx) => {
        await tx.insertOrganization(organization);
        await sleep(2);
        await tx.getOrganization(organization.id);
      });
      return organization;
    }),
  );
  const elapsedMs = performance.now() - began;
  const gapMs = stopWatching();
  for (const organization of organizations) {
    expect(await (stores[0] as Store).getOrganization(organization.id)).toEqual(organization);
  }
  return { gapMs, elapsedMs };
}

/** Whether `reader` waits for a transaction of `holder`: it does when both are on one connection. */
async function readWaitsForTransaction(holder: Store, reader: Store): Promise<boolean> {
  const release = deferred();
  const holding = deferred();
  const held = holder.transaction(async (tx) => {
    await tx.getOrganization('x');
    holding.resolve();
    await release.promise;
  });
  await holding.promise;
  let read = false;
  const reading = reader.getOrganization('x').then(() => {
    read = true;
  });
  await sleep(50);
  const waited = !read;
  release.resolve();
  await Promise.all([held, reading]);
  return waited;
}

describe('sqliteStore: stores on one file in one process', () => {
  it('run interleaved transactions concurrently, quickly, and never stall the event loop', async () => {
    // A short timeout, so that without sharing each collision costs 1 s rather than 5.
    const stores = [open(file, { busyTimeoutMs: 1000 }), open(file, { busyTimeoutMs: 1000 })];
    await stores[0]?.migrate();
    const { gapMs, elapsedMs } = await interleaved(stores, 10);
    expect(gapMs).toBeLessThan(200);
    expect(elapsedMs).toBeLessThan(1000);
  });

  it.each(['a relative path', 'a path through a symlinked directory'])('find each other by %s', async (spelling) => {
    const link = join(directory, 'link');
    if (spelling !== 'a relative path') symlinkSync(join(directory, 'real'), link, 'dir');
    const other = spelling === 'a relative path' ? relative(process.cwd(), file) : join(link, 'shared.sqlite');
    // Both before the file exists, so neither can resolve it yet.
    const [first, second] = [open(other), open(file)];
    await first.migrate();
    expect(await readWaitsForTransaction(first, second)).toBe(true);
  });

  it.each([':memory:', ''])('%j is never shared: each store is a database of its own', async (database) => {
    const [first, second] = [open(database), open(database)];
    await first.migrate();
    await second.migrate();
    const organization = anOrganization();
    await first.insertOrganization(organization);
    expect(await second.getOrganization(organization.id)).toBeNull();
    expect(await readWaitsForTransaction(first, second)).toBe(false);
  });

  it('close() releases one share; the last closes the file; a closed store refuses calls', async () => {
    const [first, second] = [open(), open()];
    await first.migrate();
    await first.close();
    await first.close();
    const organization = anOrganization();
    await second.insertOrganization(organization);
    await expect(first.getOrganization(organization.id)).rejects.toMatchObject({ code: 'STORE_FAILURE' });
    // WAL mode keeps a -wal file while any connection is open; the last close removes it.
    expect(existsSync(`${file}-wal`)).toBe(true);
    await second.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(await open().getOrganization(organization.id)).toEqual(organization);
  });

  it('refuse a sibling store used inside a transaction, instead of waiting for it forever', async () => {
    const [first, second] = [open(), open()];
    await first.migrate();
    const organization = anOrganization();
    const misuse = first.transaction(async (tx) => {
      await tx.insertOrganization(organization);
      await second.getOrganization(organization.id);
    });
    await expect(misuse).rejects.toThrow(/inside store\.transaction/);
    expect(await second.getOrganization(organization.id)).toBeNull();
  });
});

describe("sqliteStore: stores on one host's Database", () => {
  it('take turns on its one connection instead of interleaving their BEGINs', async () => {
    const database = new Database(file);
    try {
      const stores = [open(database), open(database)];
      await stores[0]?.migrate();
      const { gapMs, elapsedMs } = await interleaved(stores, 10);
      expect(gapMs).toBeLessThan(200);
      expect(elapsedMs).toBeLessThan(1000);
      await Promise.all(opened.splice(0).map((store) => store.close()));
      expect(database.open).toBe(true);
    } finally {
      database.close();
    }
  });
});
