/**
 * `migrate()` is safe when several processes call it at once on a new
 * database: every process succeeds and the migration runs once. The
 * processes agree on an instant to start (fixtures/migrate-at.ts).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresStore } from '../../src/postgres.js';
import { MIGRATION_LOCK_TABLE, MIGRATION_TABLE } from '../../src/store/kysely/migrations.js';
import { dropPostgresSchema, freshSchemaName, POSTGRES_URL } from '../support/stores.js';

const script = fileURLToPath(new URL('./fixtures/migrate-at.ts', import.meta.url));
const PROCESSES = 4;

/**
 * Starts `PROCESSES` processes, waits until each has loaded orgkit and opened
 * its store, then tells them all to migrate; answers each one's time span.
 */
async function migrateAtOnce(...args: string[]): Promise<Array<{ began: number; ended: number }>> {
  const children = Array.from({ length: PROCESSES }, () =>
    spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
    }),
  );
  const outputs = children.map((child) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const ready = new Promise<void>((resolve) => {
      child.stdout.on('data', () => {
        if (stdout.startsWith('ready\n')) resolve();
      });
    });
    const exited = once(child, 'exit').then(([code]) => ({ code, stdout, stderr }));
    return { ready, exited };
  });
  await Promise.race([Promise.all(outputs.map((output) => output.ready)), Promise.all(outputs.map((o) => o.exited))]);
  for (const child of children) child.stdin.write('go\n');
  const results = await Promise.all(outputs.map((output) => output.exited));
  expect(results.map((result) => [result.code, result.stderr])).toEqual(results.map(() => [0, '']));
  return results.map((result) => JSON.parse(result.stdout.slice('ready\n'.length)));
}

/** Whether every process was migrating at one moment: the latest start came before the earliest end. */
function overlapped(spans: Array<{ began: number; ended: number }>): boolean {
  return Math.max(...spans.map((span) => span.began)) < Math.min(...spans.map((span) => span.ended));
}

describe('migrate() from several processes at once', () => {
  it('on one new SQLite file', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'orgkit-migrate-'));
    try {
      const file = join(directory, 'raced.sqlite');
      const spans = await migrateAtOnce('sqlite', file);
      expect(spans).toHaveLength(PROCESSES);
      expect(overlapped(spans)).toBe(true);
      const database = new Database(file);
      expect(database.prepare(`select name from ${MIGRATION_TABLE}`).all()).toEqual([
        { name: '0001_initial' },
        { name: '0002_member_search_index' },
        { name: '0003_outbox_claim' },
      ]);
      expect(database.prepare(`select count(*) as n from ${MIGRATION_LOCK_TABLE}`).get()).toEqual({ n: 1 });
      expect(database.prepare('select count(*) as n from users').get()).toEqual({ n: 0 });
      database.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  describe.skipIf(POSTGRES_URL === undefined || POSTGRES_URL === '')('on a real Postgres', () => {
    const url = POSTGRES_URL ?? '';

    it('into one new schema', async () => {
      const schema = freshSchemaName();
      try {
        const spans = await migrateAtOnce('postgres', url, schema);
        expect(spans).toHaveLength(PROCESSES);
        expect(overlapped(spans)).toBe(true);
        expect(overlapped(spans)).toBe(true);
        const db = new Kysely<unknown>({
          dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url }) }),
        });
        try {
          const rows = await sql`select name from ${sql.table(`${schema}.${MIGRATION_TABLE}`)}`.execute(db);
          expect(rows.rows).toEqual([
            { name: '0001_initial' },
            { name: '0002_member_search_index' },
            { name: '0003_outbox_claim' },
          ]);
        } finally {
          await db.destroy();
        }
      } finally {
        await dropPostgresSchema(url, schema);
      }
    });

    it('and from separate pools in one process', async () => {
      const schema = freshSchemaName();
      const stores = Array.from({ length: PROCESSES }, () => postgresStore({ connectionString: url, schema }));
      try {
        await Promise.all(stores.map((store) => store.migrate()));
        expect(await stores[0]?.countActiveOwners('none')).toBe(0);
      } finally {
        await Promise.all(stores.map((store) => store.close()));
        await dropPostgresSchema(url, schema);
      }
    });
  });
});
