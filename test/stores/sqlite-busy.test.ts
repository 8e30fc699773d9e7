/**
 * A SQLite file locked by another process: orgkit waits for the lock
 * asynchronously, up to `busyTimeoutMs`, and the event loop keeps running.
 * better-sqlite3's own busy timeout is a synchronous wait, which froze the
 * whole process for as long as the other one held its lock.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrgkitError } from '../../src/errors.js';
import { type SqliteDatabase, type SqliteStoreOptions, sqliteStore } from '../../src/sqlite.js';
import type { Store } from '../../src/store/store.js';
import { anOrganization } from '../../src/testing/fixtures.js';
import { watchEventLoop } from '../support/event-loop.js';
import { rejectionOf } from '../support/sql-targets.js';

const script = fileURLToPath(new URL('./fixtures/hold-lock.ts', import.meta.url));
const HOLD_MS = 1500;
/** Far below the hold: no synchronous wait of any length went unnoticed. */
const MAX_GAP_MS = 200;

let directory: string;
let file: string;
const opened: Store[] = [];

function open(database: SqliteDatabase | string = file, options: Omit<SqliteStoreOptions, 'database'> = {}): Store {
  const store = sqliteStore({ database, ...options });
  opened.push(store);
  return store;
}

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'orgkit-busy-'));
  file = join(directory, 'locked.sqlite');
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
  rmSync(directory, { recursive: true, force: true });
});

/** Another process takes a lock on `file`; resolves once it holds it, with the process's exit. */
async function lockedByAnotherProcess(mode: 'write' | 'read', ms = HOLD_MS) {
  const child = spawn(process.execPath, ['--import', 'tsx', script, file, mode, String(ms)], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = once(child, 'exit').then(([code]) => {
    if (code !== 0) throw new Error(`hold-lock exited with ${code}: ${stderr}`);
  });
  const locked = once(createInterface({ input: child.stdout }), 'line').then(([line]) => line);
  expect(await Promise.race([locked, exited])).toBe('locked');
  return { exited };
}

/** Runs `call`, answering how long it took and the longest event-loop gap meanwhile. */
async function timed<T>(call: () => Promise<T>) {
  const stopWatching = watchEventLoop();
  const began = performance.now();
  const outcome = await call().then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  return { outcome, elapsedMs: performance.now() - began, gapMs: stopWatching() };
}

describe('sqliteStore on a file another process has locked', () => {
  const calls: Array<[string, (store: Store) => Promise<unknown>]> = [
    ['a transaction', (store) => store.transaction((tx) => tx.insertOrganization(anOrganization()))],
    ['a write outside a transaction', (store) => store.insertOrganization(anOrganization())],
    ['migrate()', (store) => store.migrate()],
  ];

  it.each(calls)('%s waits for the lock without stalling the event loop, then succeeds', async (_, call) => {
    const store = open();
    await store.migrate();
    const holder = await lockedByAnotherProcess('write');
    const { outcome, elapsedMs, gapMs } = await timed(() => call(store));
    await holder.exited;
    expect(outcome).not.toHaveProperty('error');
    expect(elapsedMs).toBeGreaterThan(HOLD_MS / 2);
    expect(gapMs).toBeLessThan(MAX_GAP_MS);
  });

  it('gives up after busyTimeoutMs in all, with STORE_FAILURE and SQLITE_BUSY as cause', async () => {
    const store = open(file, { busyTimeoutMs: 300 });
    await store.migrate();
    const holder = await lockedByAnotherProcess('write');
    let attempts = 0;
    const { outcome, elapsedMs, gapMs } = await timed(() =>
      store.transaction(async () => {
        attempts += 1;
      }),
    );
    await holder.exited;
    const error = (outcome as { error?: unknown }).error;
    expect(error).toBeInstanceOf(OrgkitError);
    expect((error as OrgkitError).code).toBe('STORE_FAILURE');
    expect(((error as OrgkitError).cause as { code: string }).code).toMatch(/^SQLITE_BUSY/);
    expect(attempts).toBe(0);
    // Once: a lock waited out is not waited for again by a retry of the transaction.
    expect(elapsedMs).toBeGreaterThanOrEqual(290);
    expect(elapsedMs).toBeLessThan(HOLD_MS / 2);
    expect(gapMs).toBeLessThan(MAX_GAP_MS);
  });

  it('each of two stores sharing the file keeps its own busyTimeoutMs', async () => {
    const patient = open(file, { busyTimeoutMs: 5000 });
    const hasty = open(file, { busyTimeoutMs: 100 });
    await patient.migrate();
    await hasty.getOrganization('warm');
    const holder = await lockedByAnotherProcess('write');
    const organization = anOrganization();
    const { outcome, gapMs } = await timed(() =>
      Promise.all([rejectionOf(hasty.insertOrganization(anOrganization())), patient.insertOrganization(organization)]),
    );
    await holder.exited;
    const [refusal] = (outcome as { value: [unknown, unknown] }).value;
    expect(refusal).toMatchObject({ code: 'STORE_FAILURE', cause: { code: expect.stringMatching(/^SQLITE_BUSY/) } });
    expect(await hasty.getOrganization(organization.id)).toEqual(organization);
    expect(gapMs).toBeLessThan(MAX_GAP_MS);
  });
});

describe("sqliteStore on a host's Database in rollback-journal mode", () => {
  it('waits out a COMMIT blocked by another process reading, without running fn again', async () => {
    // The host's own timeout is the synchronous part of each wait: short, as documented.
    const database = new Database(file, { timeout: 10 });
    try {
      expect(database.pragma('journal_mode', { simple: true })).toBe('delete');
      const store = open(database);
      await store.migrate();
      const holder = await lockedByAnotherProcess('read');
      const organization = anOrganization();
      let attempts = 0;
      const { outcome, elapsedMs, gapMs } = await timed(() =>
        store.transaction(async (tx) => {
          attempts += 1;
          await tx.insertOrganization(organization);
        }),
      );
      await holder.exited;
      expect(outcome).not.toHaveProperty('error');
      expect(attempts).toBe(1);
      expect(elapsedMs).toBeGreaterThan(HOLD_MS / 2);
      expect(gapMs).toBeLessThan(MAX_GAP_MS);
      expect(await store.getOrganization(organization.id)).toEqual(organization);
    } finally {
      await Promise.all(opened.splice(0).map((store) => store.close()));
      database.close();
    }
  });
});
